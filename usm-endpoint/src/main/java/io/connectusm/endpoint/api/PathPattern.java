package io.connectusm.endpoint.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path of the route table, like {@code /usm/v1/connect-clusters/{id}/connectors/{name}}: literal segments and
 * named parameters, matched against a request's decoded segments (so a parameter may hold any character,
 * {@code /} included when it was sent encoded). Immutable.
 */
final class PathPattern {

    private final String text;
    private final List<String> segments;

    private PathPattern(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    static PathPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': " + text);
        }
        List<String> segments = new ArrayList<>();
        for (String s : text.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return new PathPattern(text, List.copyOf(segments));
    }

    /** The parameters of a path with these segments, or {@code null} when it does not match. */
    Map<String, String> match(List<String> path) {
        if (path.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (isParameter(s)) {
                params.put(s.substring(1, s.length() - 1), path.get(i));
            } else if (!s.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }

    /** Whether a path with these segments lies under this pattern (equal to it, or longer). */
    boolean isPrefixOf(List<String> path) {
        return path.size() >= segments.size() && match(path.subList(0, segments.size())) != null;
    }

    /** How many segments it has. */
    int length() {
        return segments.size();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    @Override
    public String toString() {
        return text;
    }
}
