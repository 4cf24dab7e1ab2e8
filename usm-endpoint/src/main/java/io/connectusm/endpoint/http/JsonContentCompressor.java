package io.connectusm.endpoint.http;

import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Netty's {@link HttpContentCompressor} (gzip or deflate, as the request's {@code Accept-Encoding} allows) for JSON
 * responses of at least 1 KiB, which lists make large: a page of 100 connectors shrinks about tenfold. HTML pages
 * stay uncompressed: they carry the console's anti-CSRF token next to text the requester chose (a name, a
 * search), which is what a compression side channel (BREACH) needs. One instance per channel.
 */
final class JsonContentCompressor extends HttpContentCompressor {

    static final int MIN_BYTES = 1024;

    JsonContentCompressor() {
        super(MIN_BYTES, StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate());
    }

    @Override
    protected Result beginEncode(HttpResponse response, String acceptEncoding) throws Exception {
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.startsWith(ApiResponse.JSON) ? super.beginEncode(response, acceptEncoding) : null;
    }
}
