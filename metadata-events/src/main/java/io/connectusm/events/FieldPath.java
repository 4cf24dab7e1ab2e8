package io.connectusm.events;

import com.fasterxml.jackson.core.JsonStreamContext;

/**
 * The path of a field from the document root, for error messages: {@code [3].data.tasks[0].state}. Names
 * that are not plain identifiers are quoted, {@code config["database.password"]}, so a dotted config key
 * is not mistaken for nesting; control characters are escaped and very long names shortened, so a hostile
 * key cannot forge or flood a log line. Immutable.
 */
final class FieldPath {

    private static final FieldPath ROOT = new FieldPath(null, null, -1);
    private static final int MAX_NAME_SHOWN = 200;

    // A path is built for every field a reader visits but shown only when something is wrong, so the segment's text
    // is made in toString(), not here.
    private final FieldPath parent;
    private final String name;
    private final int index;

    private FieldPath(FieldPath parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    static FieldPath root() {
        return ROOT;
    }

    FieldPath index(int index) {
        return new FieldPath(this, null, index);
    }

    FieldPath field(String name) {
        return new FieldPath(this, name, -1);
    }

    /**
     * The path of the token a parser stopped at, for errors that Jackson raises in the middle of a value
     * (bad syntax, a string over the limit).
     */
    static FieldPath of(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return ROOT;
        }
        FieldPath parent = of(context.getParent());
        if (context.inArray()) {
            return parent.index(context.getCurrentIndex());
        }
        String name = context.getCurrentName();
        return name == null ? parent : parent.field(name);
    }

    /**
     * The path of the innermost container a parser was in, leaving out the name it had just read. For
     * syntax errors: in a broken document a value can end up where a name belongs (a lost quote or colon),
     * and a value must not appear in a message.
     */
    static FieldPath containerOf(JsonStreamContext context) {
        if (context != null && context.inObject()) {
            return of(context.getParent());
        }
        return of(context);
    }

    @Override
    public String toString() {
        if (this == ROOT) {
            return "$";
        }
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        if (parent == null) {
            return;
        }
        parent.append(out);
        if (name == null) {
            out.append('[').append(index).append(']');
        } else if (isIdentifier(name)) {
            out.append(parent == ROOT ? "" : ".").append(name);
        } else {
            out.append("[\"").append(escape(name)).append("\"]");
        }
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_SHOWN) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String name) {
        boolean shortened = name.length() > MAX_NAME_SHOWN;
        String shown = shortened ? name.substring(0, MAX_NAME_SHOWN) : name;
        StringBuilder out = new StringBuilder(shown.length() + 8);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return shortened ? out.append("...").toString() : out.toString();
    }
}
