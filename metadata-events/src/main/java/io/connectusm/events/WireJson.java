package io.connectusm.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudevents.jackson.JsonFormat;

/** Builds the one {@link ObjectMapper} an {@link EventCodec} uses. Stateless. */
final class WireJson {

    /**
     * Jackson counts names in UTF-8 bytes, and only roughly; the exact limit, {@link EventLimits#MAX_KEY_CHARS}
     * characters, is applied by {@link Shape} to the keys the contract keeps. This backstop bounds the
     * names it skips, and cannot cut off a key that the exact limit allows (a character is at most 4 bytes).
     */
    private static final int NAME_BYTES_BACKSTOP = 8 * EventLimits.MAX_KEY_CHARS;

    private WireJson() {
    }

    static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(EventLimits.MAX_STRING_CHARS)
                        .maxNameLength(NAME_BYTES_BACKSTOP)
                        .maxNestingDepth(EventLimits.MAX_NESTING_DEPTH)
                        .maxDocumentLength(EventLimits.MAX_DOCUMENT_BYTES)
                        .build())
                // Two values for one key could let two readers see different configs; refuse instead of picking one.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // The caller owns a stream it hands in, and closes it.
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return JsonMapper.builder(factory)
                .addModule(JsonFormat.getCloudEventJacksonModule())
                .build();
    }
}
