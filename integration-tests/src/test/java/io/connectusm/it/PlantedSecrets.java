package io.connectusm.it;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Secrets generated fresh for one run — new random values and new key spellings every time, so nothing can be
 * tuned to them — and the record of where each was planted. A planted secret is known by its label (category,
 * connector, key), which is all a test may print; the value is only ever searched for.
 *
 * <p>Not thread-safe: one test thread plants and reads.
 */
final class PlantedSecrets {

    /** One secret and where it went. {@link #toString()} is the label: never the value. */
    record Planted(String category, String connector, String key, List<String> needles) {

        String label() {
            return category + " " + connector + "/" + key;
        }

        @Override
        public String toString() {
            return label();
        }
    }

    private static final String ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64URL = ALNUM + "-_";

    /**
     * Secret words and pairs in token form, and whether the glued spelling ({@code vendorapikey}) still names a
     * secret (a word that counts only as the last token, such as {@code sig}, does not glue).
     */
    private static final List<Map.Entry<String[], Boolean>> SECRET_WORDS = List.of(
            Map.entry(new String[] {"api", "key"}, true), Map.entry(new String[] {"client", "secret"}, true),
            Map.entry(new String[] {"access", "token"}, true), Map.entry(new String[] {"auth", "token"}, true),
            Map.entry(new String[] {"private", "key", "passphrase"}, true),
            Map.entry(new String[] {"signing", "key"}, true), Map.entry(new String[] {"hmac", "key"}, true),
            Map.entry(new String[] {"sas", "token"}, true), Map.entry(new String[] {"db", "password"}, true),
            Map.entry(new String[] {"passwd"}, true), Map.entry(new String[] {"pwd"}, true),
            Map.entry(new String[] {"encryption", "key"}, true), Map.entry(new String[] {"account", "key"}, true),
            Map.entry(new String[] {"auth", "header"}, true), Map.entry(new String[] {"master", "key"}, true),
            Map.entry(new String[] {"credentials"}, true), Map.entry(new String[] {"refresh", "token"}, true),
            Map.entry(new String[] {"app", "key"}, false), Map.entry(new String[] {"upstream", "bearer"}, false),
            Map.entry(new String[] {"blob", "sig"}, false), Map.entry(new String[] {"smtp", "pass"}, false),
            Map.entry(new String[] {"session", "key"}, false));

    private final SecureRandom random = new SecureRandom();
    private final List<Planted> planted = new ArrayList<>();

    /** Records {@code value} as planted at {@code connector}/{@code key}; returns it. */
    String plant(String category, String connector, String key, String value) {
        return plant(category, connector, key, value, List.of(value));
    }

    /** Records a secret whose searchable parts are {@code needles} (e.g. a PEM key's body lines). */
    String plant(String category, String connector, String key, String value, List<String> needles) {
        planted.add(new Planted(category, connector, key, List.copyOf(needles)));
        return value;
    }

    List<Planted> all() {
        return List.copyOf(planted);
    }

    /** How many secrets of each category were planted (for the test's output). */
    Map<String, Long> countsByCategory() {
        return planted.stream().collect(Collectors.groupingBy(Planted::category, TreeMap::new,
                Collectors.counting()));
    }

    // ---- values

    /** A password of 20 letters, digits, '-' and '_' (safe inside URLs and bare assignments). */
    String password() {
        return random(ALNUM, 12) + "-" + random(ALNUM, 3) + "_" + random(ALNUM, 4);
    }

    /** A password with characters that JSON, URLs and HTML escape (for keys masked whole). */
    String anyPassword() {
        return random(ALNUM, 8) + "\"&<>/'%+=" + random(ALNUM, 10);
    }

    /** A PEM PKCS#8 EC private key; its needles are its base64 lines. */
    String pemPrivateKey(String category, String connector, String key) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
            return plant(category, connector, key, pem, body.lines().filter(l -> l.length() >= 16).toList());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT (HS256): its payload and signature are the secret (the header is the same for every JWT). */
    String jwt(String category, String connector, String key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        String payload = b64.encodeToString(("{\"sub\":\"" + random(ALNUM, 12) + "\",\"iat\":" + (1_700_000_000
                + random.nextInt(10_000_000)) + "}").getBytes());
        String signature = random(BASE64URL, 43);
        return plant(category, connector, key, header + "." + payload + "." + signature,
                List.of(payload + "." + signature, signature));
    }

    /** A token announced by a prefix ({@code ghp_}, {@code xoxb-} …): the body alone is searched too. */
    String prefixed(String category, String connector, String key, String prefix, String body) {
        return plant(category, connector, key, prefix + body, List.of(prefix + body, body));
    }

    String githubToken(String category, String connector, String key) {
        return prefixed(category, connector, key, "ghp_", random(ALNUM, 36));
    }

    String slackBotToken(String category, String connector, String key) {
        return prefixed(category, connector, key, "xoxb-", digits(12) + "-" + digits(13) + "-" + random(ALNUM, 24));
    }

    String stripeKey(String category, String connector, String key) {
        return prefixed(category, connector, key, "sk_live_", random(ALNUM, 24));
    }

    /** An AWS access key ID and secret access key, as one value {@code id:secret}. */
    String awsKeyPair(String category, String connector, String key) {
        String id = "AKIA" + random(UPPER_DIGITS, 16);
        String secret = random("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10) + random("abcdefghijklmnopqrstuvwxyz", 10)
                + random("0123456789", 10) + random(ALNUM + "+/", 10);
        return plant(category, connector, key, id + ":" + secret, List.of(id, secret));
    }

    /** A token-like URL user (20+ letters and digits), as a CI system puts it before {@code @github.com}. */
    String tokenUser() {
        return random(LOWER, 2) + random(ALNUM, 30) + random.nextInt(10);
    }

    /** An Azure SAS signature as it appears URL-encoded in a query. */
    String sasSignature() {
        return random(ALNUM, 30) + "%2B" + random(ALNUM, 10) + "%3D";
    }

    // ---- key spellings

    /**
     * A fresh key naming a secret: random prefix words, then a secret word or pair, in a random spelling (dots,
     * underscores, dashes, camelCase, PascalCase, UPPER_SNAKE, or glued where the glued form still names one).
     */
    String secretKey() {
        Map.Entry<String[], Boolean> words = SECRET_WORDS.get(random.nextInt(SECRET_WORDS.size()));
        List<String> tokens = new ArrayList<>();
        tokens.add(random(LOWER, 4 + random.nextInt(4)));
        if (random.nextBoolean()) {
            tokens.add(random(LOWER, 3 + random.nextInt(3)));
        }
        tokens.addAll(List.of(words.getKey()));
        int styles = words.getValue() ? 7 : 6;
        switch (random.nextInt(styles)) {
            case 0:
                return String.join(".", tokens);
            case 1:
                return String.join("_", tokens);
            case 2:
                return String.join("-", tokens);
            case 3:
                return camel(tokens, false);
            case 4:
                return camel(tokens, true);
            case 5:
                return String.join("_", tokens).toUpperCase(Locale.ROOT);
            default:
                return String.join("", tokens);
        }
    }

    private static String camel(List<String> tokens, boolean capitalFirst) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            out.append(i == 0 && !capitalFirst ? token
                    : Character.toUpperCase(token.charAt(0)) + token.substring(1));
        }
        return out.toString();
    }

    /** A fresh lower-case word, for names that must not collide between runs. */
    String word(int length) {
        return random(LOWER, length);
    }

    private String digits(int n) {
        return random("0123456789", n);
    }

    private String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
