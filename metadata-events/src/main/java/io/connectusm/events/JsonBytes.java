package io.connectusm.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The tokenizer of {@link FastScan}: a cursor over a UTF-8 JSON document that reads the forms emitters send —
 * objects, arrays, strings, non-negative integers without leading zeros, {@code true}, {@code false}, {@code null},
 * JSON whitespace — into the values Jackson would have produced for them ({@code String}s, and the same
 * {@link JsonNode}s {@link Shape#SCALAR} builds), and throws {@link NotFast} on anything else: another number form,
 * a negative number, an escape JSON does not have, a control character, UTF-8 that is not well-formed (overlong,
 * a surrogate, past U+10FFFF, cut off), a name or string long enough to come near a limit, nesting deeper than
 * {@link #MAX_DEPTH}, a byte out of place, the end of the input. So whatever it returns is what Jackson, with the
 * contract's settings ({@link WireJson}), returns for the same bytes, and whatever Jackson might refuse, it does not
 * read.
 *
 * <p>Values are read where the cursor stands (after whitespace) and leave it just after them; the caller walks the
 * structure with {@link #openObject}/{@link #nextMember} and {@link #openArray}/{@link #nextItem}.
 *
 * <p>Not thread-safe: one per document.
 */
final class JsonBytes {

    /** Deeper documents are left to Jackson (which allows {@link EventLimits#MAX_NESTING_DEPTH}). */
    static final int MAX_DEPTH = 16;
    /** Longer names are left to Jackson: below this, no name reaches {@link EventLimits#MAX_KEY_CHARS}. */
    private static final int MAX_NAME_BYTES = EventLimits.MAX_KEY_CHARS;
    /** Longer strings are left to Jackson: below this, none reaches {@link EventLimits#MAX_STRING_CHARS}. */
    private static final int MAX_STRING_BYTES = EventLimits.MAX_STRING_CHARS / 4;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] in;
    private final int end;
    private int at;
    private int depth;
    /** The raw bytes of the last name or string read, when they were plain ASCII: then exactly its UTF-8. */
    private int plainFrom;
    private int plainTo = -1;
    private char[] chars = new char[64];

    JsonBytes(byte[] in) {
        this.in = in;
        this.end = in.length;
    }

    /** Where the cursor stands. */
    int position() {
        return at;
    }

    /** The next byte after whitespace (the cursor on it), or -1 at the end of the input. */
    int peek() {
        while (at < end) {
            byte b = in[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b & 0xff;
            }
            at++;
        }
        return -1;
    }

    /** Whether only whitespace is left. */
    boolean atEnd() {
        return peek() < 0;
    }

    /** At {@code {}: enters the object; whether it has a member (the cursor then on its name). */
    boolean openObject() {
        return open('{', '}');
    }

    /** After a member's value: whether another follows (the cursor then on its name); else leaves the object. */
    boolean nextMember() {
        return next('}');
    }

    /** At {@code [}: enters the array; whether it has an item (the cursor then on it). */
    boolean openArray() {
        return open('[', ']');
    }

    /** After an item: whether another follows (the cursor then on it); else leaves the array. */
    boolean nextItem() {
        return next(']');
    }

    private boolean open(char start, char close) {
        if (peek() != start || ++depth > MAX_DEPTH) {
            throw NotFast.INSTANCE;
        }
        at++;
        if (peek() == close) {
            at++;
            depth--;
            return false;
        }
        return true;
    }

    private boolean next(char close) {
        int b = peek();
        if (b == ',') {
            at++;
            return true;
        }
        if (b == close) {
            at++;
            depth--;
            return false;
        }
        throw NotFast.INSTANCE;
    }

    /** A member's name and its colon; the cursor then on the value. */
    String name() {
        return name(null, -1);
    }

    /**
     * As {@link #name()}, answering {@code guess} itself (no new {@code String}) when the name is plain ASCII with the
     * same bytes as {@code [guessFrom, guessFrom + guess.length())} of this input, which must be {@code guess}'s plain
     * ASCII ({@link #plainFrom} when it was read; -1: no guess): the caller's guess is the name at the same place in
     * the previous event of the batch. Bytes are compared, not characters: one vectorised comparison.
     */
    String name(String guess, int guessFrom) {
        if (peek() != '"') {
            throw NotFast.INSTANCE;
        }
        int start = ++at;
        int stop = asciiRun(start);
        String name;
        if (in[stop] == '"') {
            if (stop - start > MAX_NAME_BYTES) {
                throw NotFast.INSTANCE;
            }
            // A cache of names by their bytes cost more CPU than the garbage it saved (JFR); one guess compared is less.
            name = isSame(guess, guessFrom, start, stop) ? guess
                    : new String(in, start, stop - start, StandardCharsets.ISO_8859_1);
            at = stop + 1;
            plain(start, stop);
        } else {
            plainTo = -1;
            name = general(start, stop, MAX_NAME_BYTES, true);
        }
        if (peek() != ':') {
            throw NotFast.INSTANCE;
        }
        at++;
        peek();
        return name;
    }

    /** The byte at the cursor, which {@link #peek} put on a value: what kind of value it is. */
    int current() {
        return at < end ? in[at] & 0xff : -1;
    }

    /** Whether the value at the cursor is an object or an array. */
    boolean atContainer() {
        int b = current();
        return b == '{' || b == '[';
    }

    /** The string value at the cursor. */
    String string() {
        return string(null, -1);
    }

    /** As {@link #string()}, answering {@code guess} itself as {@link #name(String, int)} does. */
    private String string(String guess, int guessFrom) {
        if (current() != '"') {
            throw NotFast.INSTANCE;
        }
        int start = ++at;
        int stop = asciiRun(start);
        if (in[stop] == '"') {
            if (stop - start > MAX_STRING_BYTES) {
                throw NotFast.INSTANCE;
            }
            at = stop + 1;
            plain(start, stop);
            // ASCII without escapes: the bytes are the characters (and a compact String copies them as they are).
            return isSame(guess, guessFrom, start, stop) ? guess
                    : new String(in, start, stop - start, StandardCharsets.ISO_8859_1);
        }
        plainTo = -1;
        return general(start, stop, MAX_STRING_BYTES, false);
    }

    /**
     * Whether the plain ASCII {@code [from, to)} of the input is {@code guess}, whose plain ASCII starts at
     * {@code guessFrom} ({@code false} for no guess).
     */
    private boolean isSame(String guess, int guessFrom, int from, int to) {
        int length = to - from;
        return guess != null && guessFrom >= 0 && guess.length() == length && guessFrom + length <= end
                && Arrays.equals(in, from, to, in, guessFrom, guessFrom + length);
    }

    private void plain(int from, int to) {
        plainFrom = from;
        plainTo = to;
    }

    /**
     * Where the last name or string read starts in the input, if it was printable ASCII without escapes (so its bytes
     * are its UTF-8); -1 if it was not.
     */
    int plainFrom() {
        return plainTo < 0 ? -1 : plainFrom;
    }

    /** Where the last name or string read ends, with {@link #plainFrom}. */
    int plainTo() {
        return plainTo;
    }

    /** The document being read. */
    byte[] input() {
        return in;
    }

    /**
     * The scalar value at the cursor as {@link Shape#SCALAR} reads it: a {@code TextNode}, an {@code IntNode} (or a
     * {@code LongNode} past the int range, as Jackson types integers), a boolean or null node. Not a container.
     */
    JsonNode scalar() {
        return scalar(null, -1);
    }

    /**
     * As {@link #scalar()}, answering {@code guess} itself when the value is a plain ASCII string with the bytes of its
     * text at {@code guessFrom}, as {@link #name(String, int)} (a {@code TextNode} is immutable): the caller's guess is
     * the value at the same place in the previous event.
     */
    JsonNode scalar(JsonNode guess, int guessFrom) {
        int b = current();
        switch (b) {
            case '"':
                String known = guess != null && guess.isTextual() ? guess.textValue() : null;
                String text = string(known, guessFrom);
                return text == known ? guess : NODES.textNode(text);
            case 't':
                literal("true");
                return NODES.booleanNode(true);
            case 'f':
                literal("false");
                return NODES.booleanNode(false);
            case 'n':
                literal("null");
                return NODES.nullNode();
            default:
                return integer();
        }
    }

    /** Any value, skipped; each string and name shown to {@code inspector} (when not {@code null}) until it says yes. */
    boolean skip(Predicate<String> inspector) {
        int b = current();
        if (b == '{') {
            return skipObject(inspector);
        }
        if (b == '[') {
            boolean flagged = false;
            for (boolean more = openArray(); more; more = nextItem()) {
                flagged |= skip(flagged ? null : inspector);
            }
            return flagged;
        }
        if (b == '"') {
            String text = string();
            return inspector != null && inspector.test(text);
        }
        scalar();
        return false;
    }

    private boolean skipObject(Predicate<String> inspector) {
        boolean flagged = false;
        UnknownNames seen = new UnknownNames();
        for (boolean more = openObject(); more; more = nextMember()) {
            String name = name();
            seen.add(name);
            flagged = flagged || inspector != null && inspector.test(name);
            flagged |= skip(flagged ? null : inspector);
        }
        return flagged;
    }

    private void literal(String word) {
        int length = word.length();
        if (end - at < length) {
            throw NotFast.INSTANCE;
        }
        for (int i = 0; i < length; i++) {
            if (in[at + i] != word.charAt(i)) {
                throw NotFast.INSTANCE;
            }
        }
        at += length;
        // What follows must end the value; the structure's own checks (a comma, a bracket, the end) see to that.
    }

    /** A plain non-negative integer; the other forms (sign, fraction, exponent, leading zero) are left to Jackson. */
    private JsonNode integer() {
        int start = at;
        long value = 0;
        while (at < end && in[at] >= '0' && in[at] <= '9') {
            value = value * 10 + (in[at++] - '0');
        }
        int digits = at - start;
        if (digits == 0 || digits > 18 || digits > 1 && in[start] == '0') {
            throw NotFast.INSTANCE;
        }
        if (at < end && (in[at] == '.' || in[at] == 'e' || in[at] == 'E')) {
            throw NotFast.INSTANCE;
        }
        return value <= Integer.MAX_VALUE ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /**
     * Where the run of printable ASCII without a backslash or a quote from {@code from} ends: at the closing quote
     * for the usual string, else at the first byte the general decoder must read. Stops at the end of the input
     * with an index the caller must not read: checked here.
     */
    private int asciiRun(int from) {
        int i = from;
        // Eight bytes at a time while they are all plain: no byte with its top bit set (non-ASCII), none below
        // 0x20 (a control character), none a quote or a backslash (the classic "has a zero byte" tests).
        for (int last = end - Long.BYTES; i <= last; i += Long.BYTES) {
            long word = (long) LONGS.get(in, i);
            long low = (word - 0x2020202020202020L) & ~word;
            long quote = word ^ 0x2222222222222222L;
            long backslash = word ^ 0x5c5c5c5c5c5c5c5cL;
            long special = word | low | ((quote - 0x0101010101010101L) & ~quote)
                    | ((backslash - 0x0101010101010101L) & ~backslash);
            if ((special & 0x8080808080808080L) != 0) {
                break;
            }
        }
        while (i < end) {
            byte b = in[i];
            if (b < 0x20 || b == '"' || b == '\\') {
                // b < 0x20 is a control character, or a non-ASCII byte (negative as a Java byte).
                return i;
            }
            i++;
        }
        throw NotFast.INSTANCE;
    }

    /**
     * A string with escapes or non-ASCII characters, from its first character {@code start}; the plain ASCII run
     * {@code [start, plainEnd)} is copied as it is. Escapes are decoded as Jackson does ({@code \\uXXXX} to its UTF-16
     * unit, lone surrogates included, which the contract's checks then refuse as Jackson's reader would). In a
     * {@code name}, Jackson refuses an escaped lone surrogate: only a pair is read here.
     */
    private String general(int start, int plainEnd, int maxBytes, boolean name) {
        int length = 0;
        room(plainEnd - start);
        for (int i = start; i < plainEnd; i++) {
            chars[length++] = (char) in[i];
        }
        int i = plainEnd;
        while (true) {
            if (i >= end || i - start > maxBytes) {
                throw NotFast.INSTANCE;
            }
            room(length + 2);
            int b = in[i] & 0xff;
            if (b == '"') {
                at = i + 1;
                return new String(chars, 0, length);
            }
            if (b == '\\') {
                if (i + 1 >= end) {
                    throw NotFast.INSTANCE;
                }
                int e = in[i + 1];
                i += 2;
                switch (e) {
                    case '"': chars[length++] = '"'; break;
                    case '\\': chars[length++] = '\\'; break;
                    case '/': chars[length++] = '/'; break;
                    case 'b': chars[length++] = '\b'; break;
                    case 'f': chars[length++] = '\f'; break;
                    case 'n': chars[length++] = '\n'; break;
                    case 'r': chars[length++] = '\r'; break;
                    case 't': chars[length++] = '\t'; break;
                    case 'u':
                        if (end - i < 4) {
                            throw NotFast.INSTANCE;
                        }
                        char unit = (char) (hex(in[i]) << 12 | hex(in[i + 1]) << 8 | hex(in[i + 2]) << 4
                                | hex(in[i + 3]));
                        chars[length++] = unit;
                        i += 4;
                        if (name && Character.isSurrogate(unit)) {
                            // Jackson takes a pair of escapes in a name (the codec writes one for a character past
                            // U+FFFF) and refuses a lone one.
                            if (Character.isLowSurrogate(unit) || end - i < 6 || in[i] != '\\' || in[i + 1] != 'u') {
                                throw NotFast.INSTANCE;
                            }
                            char low = (char) (hex(in[i + 2]) << 12 | hex(in[i + 3]) << 8 | hex(in[i + 4]) << 4
                                    | hex(in[i + 5]));
                            if (!Character.isLowSurrogate(low)) {
                                throw NotFast.INSTANCE;
                            }
                            chars[length++] = low;
                            i += 6;
                        }
                        break;
                    default:
                        throw NotFast.INSTANCE;
                }
            } else if (b < 0x20) {
                throw NotFast.INSTANCE;
            } else if (b < 0x80) {
                chars[length++] = (char) b;
                i++;
            } else {
                int code = Utf8.codePoint(in, i, end);
                i += Utf8.sequenceLength(code);
                length += Character.toChars(code, chars, length);
            }
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        throw NotFast.INSTANCE;
    }

    private void room(int length) {
        if (length > chars.length) {
            chars = java.util.Arrays.copyOf(chars, Math.max(length, chars.length * 2));
        }
    }

    /** The names of one object the caller does not keep in slots, for duplicates (which Jackson refuses). */
    static final class UnknownNames {
        private String first;
        private Set<String> more;

        /** @throws NotFast if {@code name} was added before */
        void add(String name) {
            if (first == null) {
                first = name;
                return;
            }
            if (more == null) {
                more = new HashSet<>();
                more.add(first);
            }
            if (!more.add(name)) {
                throw NotFast.INSTANCE;
            }
        }
    }
}
