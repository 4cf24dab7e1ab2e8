package io.connectusm.secrets.detect;

/**
 * Credentials in the user-info of URLs and URL-like values, cut out with the host and path kept readable.
 *
 * <ul>
 *   <li>{@code scheme://user:password@host…}: the user-info ends at the first {@code @} that is followed by a host
 *       (name or {@code [IPv6]}, an optional numeric port, then {@code /?#,;)]}|} or the end), so a password may
 *       hold {@code @} and {@code /} ({@code mongodb://u:pa/ss@word@h1,h2/db}) and a user may be an e-mail address
 *       ({@code https://me@example.com:pw@host}). It is not user-info when its user part holds {@code /?#} (the
 *       {@code @} is in the path: {@code https://host/@scope/pkg}) or its "password" is a port followed by a path
 *       ({@code https://host:443/@scope/pkg}). A user without password is masked when it looks like a token
 *       (20+ characters mixing letters and digits, no {@code .} or {@code @}: {@code https://TOKEN@github.com}), and
 *       such a user goes with its password ({@code https://TOKEN:x-oauth-basic@github.com}).</li>
 *   <li>{@code user:password@host} without a scheme ({@code alice:pw@proxy:3128}), except for URI and principal
 *       prefixes such as {@code mailto:} or Kafka's {@code User:}; the password may not hold {@code /} there.</li>
 *   <li>Oracle's {@code user/password@host}: after {@code thin:} or {@code oci:} with any host, otherwise only with
 *       {@code @//host}, {@code @(DESCRIPTION…} or {@code @host:port} (so a Kerberos principal
 *       {@code kafka/broker1.example.com@EXAMPLE.COM} and {@code npm/jquery@3.6.0/dist} are left alone).</li>
 * </ul>
 * Stateless.
 */
final class UrlCredentials {

    private static final String[] NOT_A_USER = {"mailto", "tel", "sip", "sips", "xmpp", "urn", "news", "data",
        "user", "group"};
    private static final int MIN_TOKEN_USER = 20;
    private static final int MAX_IPV6_LITERAL = 64;

    private UrlCredentials() {
    }

    /** At {@code start}, just after a {@code ://}: the password (or token user) of this URL, or null. */
    static Finding afterScheme(Scan scan, int start) {
        String text = scan.text;
        int n = text.length();
        int limit = start;
        while (limit < n) {
            char c = text.charAt(limit);
            if (isUrlEnd(c)) {
                break;
            }
            if (c == ':' && limit + 2 < n && text.charAt(limit + 1) == '/' && text.charAt(limit + 2) == '/') {
                break;
            }
            limit++;
        }
        scan.urlEnd = Math.max(scan.urlEnd, limit);
        for (int at = start; at < limit; at++) {
            if (text.charAt(at) == '@' && hostEnd(text, at + 1, limit) >= 0) {
                return userInfo(text, start, at);
            }
        }
        return null;
    }

    /** At an {@code @} outside any URL: a scheme-less {@code user:password} or Oracle {@code user/password}. */
    static Finding atSign(Scan scan, int segmentStart, int at) {
        String text = scan.text;
        if (at <= segmentStart) {
            return null;
        }
        int firstColon = indexOf(text, ':', segmentStart, at);
        int lastColon = lastIndexOf(text, ':', segmentStart, at);
        boolean oracleDriver = lastColon >= 0 && (endsWithIgnoreCase(text, lastColon, "thin")
                || endsWithIgnoreCase(text, lastColon, "oci") || endsWithIgnoreCase(text, lastColon, "oci8"));
        if (oracleDriver || lastColon < 0) {
            Finding oracle = oracle(text, oracleDriver ? lastColon + 1 : segmentStart, at, oracleDriver);
            if (oracle != null || oracleDriver) {
                return oracle;
            }
        }
        if (firstColon < 0 || firstColon == segmentStart || firstColon + 1 >= at) {
            return null;
        }
        if (!isUserName(text, segmentStart, firstColon) || isNotAUser(text, segmentStart, firstColon)
                || indexOf(text, '/', firstColon + 1, at) >= 0 || allDigits(text, firstColon + 1, at)
                || isMasked(text, firstColon + 1, at) || hostEnd(text, at + 1, text.length()) < 0) {
            return null;
        }
        return new Finding(firstColon + 1, at, CredentialKind.URL_USER_INFO);
    }

    private static Finding userInfo(String text, int start, int at) {
        if (at == start) {
            return null;
        }
        int colon = indexOf(text, ':', start, at);
        if (colon < 0) {
            return !hasPathChar(text, start, at) && looksLikeToken(text, start, at)
                    ? new Finding(start, at, CredentialKind.URL_USER_INFO) : null;
        }
        if (hasPathChar(text, start, colon) || colon + 1 >= at || isPortThenPath(text, colon + 1, at)
                || isMasked(text, colon + 1, at)) {
            return null;
        }
        // "https://<token>:x-oauth-basic@github.com": the token is the user; both go.
        int from = looksLikeToken(text, start, colon) ? start : colon + 1;
        return new Finding(from, at, CredentialKind.URL_USER_INFO);
    }

    private static Finding oracle(String text, int userStart, int at, boolean afterDriver) {
        int slash = indexOf(text, '/', userStart, at);
        if (slash <= userStart || slash + 1 >= at || indexOf(text, '/', slash + 1, at) >= 0
                || !isOracleUser(text, userStart, slash) || isMasked(text, slash + 1, at)
                || !isOracleHost(text, at + 1, afterDriver)) {
            return null;
        }
        return new Finding(slash + 1, at, CredentialKind.ORACLE_USER_PASSWORD);
    }

    /**
     * The end of {@code host[:port]} at {@code p} if a URL delimiter or {@code limit} follows it, else -1.
     */
    static int hostEnd(String text, int p, int limit) {
        int q = p;
        if (q < limit && text.charAt(q) == '[') {
            q = indexOf(text, ']', q, Math.min(limit, q + MAX_IPV6_LITERAL));
            if (q < 0) {
                return -1;
            }
            q++;
        } else {
            while (q < limit && Chars.isHostChar(text.charAt(q))) {
                q++;
            }
            if (q == p) {
                return -1;
            }
        }
        if (q < limit && text.charAt(q) == ':') {
            int portStart = ++q;
            while (q < limit && Chars.isDigit(text.charAt(q))) {
                q++;
            }
            if (q == portStart) {
                return -1;
            }
        }
        return q >= limit || isAfterHost(text.charAt(q)) ? q : -1;
    }

    private static boolean isOracleHost(String text, int p, boolean afterDriver) {
        int n = text.length();
        if (text.startsWith("//", p) || (p < n && text.charAt(p) == '(')) {
            return true;
        }
        int q = p;
        while (q < n && Chars.isHostChar(text.charAt(q))) {
            q++;
        }
        if (q == p) {
            return false;
        }
        boolean port = false;
        if (q < n && text.charAt(q) == ':') {
            int portStart = ++q;
            while (q < n && Chars.isDigit(text.charAt(q))) {
                q++;
            }
            port = q > portStart;
            if (!port) {
                return false;
            }
        }
        if (!port && !afterDriver) {
            // "service/host@REALM" is a Kerberos principal; without a driver prefix only host:port counts.
            return false;
        }
        return q >= n || isAfterHost(text.charAt(q));
    }

    private static boolean isUrlEnd(char c) {
        return Chars.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '\\';
    }

    private static boolean isAfterHost(char c) {
        switch (c) {
            case '/': case '?': case '#': case ',': case ';': case ')': case ']': case '}': case '|': case '"':
            case '\'': case '<': case '>': case '\\': case '`':
                return true;
            default:
                return Chars.isWhitespace(c);
        }
    }

    private static boolean hasPathChar(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return true;
            }
        }
        return false;
    }

    /** {@code 443/…}: a port and a path, not a password. */
    private static boolean isPortThenPath(String text, int from, int to) {
        int i = from;
        while (i < to && Chars.isDigit(text.charAt(i))) {
            i++;
        }
        return i > from && i < to && (text.charAt(i) == '/' || text.charAt(i) == '?' || text.charAt(i) == '#');
    }

    private static boolean looksLikeToken(String text, int from, int to) {
        if (to - from < MIN_TOKEN_USER) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '@' || c == '%') {
                return false;
            }
            letter |= Chars.isLetter(c);
            digit |= Chars.isDigit(c);
        }
        return letter && digit;
    }

    private static boolean isUserName(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!Chars.isAlnum(c) && c != '.' && c != '_' && c != '-' && c != '%' && c != '+') {
                return false;
            }
        }
        return to > from;
    }

    private static boolean isNotAUser(String text, int from, int to) {
        for (String word : NOT_A_USER) {
            if (to - from == word.length() && Chars.matchesIgnoreCase(text, from, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOracleUser(String text, int from, int to) {
        if (!Chars.isLetter(text.charAt(from)) && text.charAt(from) != '_') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!Chars.isAlnum(c) && c != '_' && c != '$' && c != '#') {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isMasked(String text, int from, int to) {
        return to - from == CredentialScanner.MASKED_VALUE.length()
                && text.startsWith(CredentialScanner.MASKED_VALUE, from);
    }

    private static boolean endsWithIgnoreCase(String text, int end, String word) {
        return Chars.matchesIgnoreCase(text, end - word.length(), word);
    }

    static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(String text, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
