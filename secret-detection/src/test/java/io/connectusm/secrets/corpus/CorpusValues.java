package io.connectusm.secrets.corpus;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Values for the corpus, generated fresh for every run from one seed (so nothing is tuned to fixed strings, yet a
 * failing run can be replayed with {@code -Dcorpus.seed=}): random secrets, well-formed credential shapes (real RSA
 * and EC keys from the JDK, JWTs with real JSON headers, tokens in each issuer's format) and harmless lookalikes
 * ({@code h-…}: UUIDs, hashes, cluster IDs, real certificates and public keys).
 */
public final class CorpusValues {

    /** For values masked whole: also characters that JSON, URLs and JAAS quote or escape. */
    private static final String ANY = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789\"\\/+=&%?#@:;{}!*$";
    /** For secrets inside URLs and assignments: nothing that ends a value in any syntax. */
    private static final String SAFE = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.~!*";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64 = ALNUM + "+/";
    private static final String BASE64URL = ALNUM + "-_";
    private static final String HEX = "0123456789abcdef";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final long seed;
    private final Random random;
    private final SecureRandom keyRandom;
    private final Map<String, Supplier<String>> secrets;
    private final Map<String, Supplier<String>> harmless;
    private KeyPair rsa;
    private KeyPair ec;

    public CorpusValues(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        try {
            this.keyRandom = SecureRandom.getInstance("SHA1PRNG");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        keyRandom.setSeed(seed);
        this.secrets = Map.ofEntries(
                Map.entry("any", () -> "Cx" + random(ANY, 20)),
                Map.entry("safe", () -> "Sx" + random(SAFE, 20)),
                Map.entry("word", () -> random(ALNUM, 16)),
                // one token just long enough to be searched in traces, then 21 characters of pieces too short
                Map.entry("pieces", () -> random(ALNUM, 6) + "{" + random(ALNUM, 3) + "}" + random(ALNUM, 2) + "#"
                        + random(ALNUM, 3) + "&" + random(ALNUM, 2) + ";" + random(ALNUM, 3) + "\\" + random(ALNUM, 2)),
                Map.entry("hex40", () -> random(HEX, 40)),
                Map.entry("hex64", () -> random(HEX, 64)),
                Map.entry("b64-64", () -> random(BASE64, 64)),
                Map.entry("token-user", () -> random(LETTERS, 2) + random(ALNUM, 36) + random.nextInt(10)),
                Map.entry("basic", () -> base64("svc-" + random(ALNUM, 6) + ":" + random(SAFE, 18))),
                Map.entry("bearer", () -> random(BASE64URL, 30) + random.nextInt(10)),
                Map.entry("pem-rsa", () -> pem("PRIVATE KEY", rsa().getPrivate().getEncoded())),
                Map.entry("pem-ec", () -> pem("EC PRIVATE KEY", ec().getPrivate().getEncoded())),
                Map.entry("pem-pkcs1", () -> pem("RSA PRIVATE KEY", pkcs1(rsa().getPrivate().getEncoded()))),
                Map.entry("pem-openssh", () -> pem("OPENSSH PRIVATE KEY", randomBytes(400))),
                Map.entry("pem-encrypted", () -> pem("ENCRYPTED PRIVATE KEY", randomBytes(1200))),
                Map.entry("pem-pgp", () -> pem("PGP PRIVATE KEY BLOCK", randomBytes(900))),
                Map.entry("der-rsa", () -> Base64.getEncoder().encodeToString(rsa().getPrivate().getEncoded())),
                Map.entry("der-ec", () -> Base64.getEncoder().encodeToString(ec().getPrivate().getEncoded())),
                Map.entry("der-pkcs1", () -> Base64.getEncoder().encodeToString(pkcs1(rsa().getPrivate().getEncoded()))),
                Map.entry("putty", () -> "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\n"
                        + base64(random(ALNUM, 40))),
                Map.entry("jwt", this::jwt),
                Map.entry("jwe", this::jwe),
                Map.entry("aws-id", () -> "AKIA" + random(UPPER_DIGITS, 16)),
                Map.entry("aws-sts-id", () -> "ASIA" + random(UPPER_DIGITS, 16)),
                Map.entry("aws-secret", this::awsSecret),
                Map.entry("ghp", () -> "ghp_" + random(ALNUM, 36)),
                Map.entry("gho", () -> "gho_" + random(ALNUM, 36)),
                Map.entry("ghs", () -> "ghs_" + random(ALNUM, 36)),
                Map.entry("ghu", () -> "ghu_" + random(ALNUM, 36)),
                Map.entry("github-pat", () -> "github_pat_" + random(ALNUM, 22) + "_" + random(ALNUM, 59)),
                Map.entry("glpat", () -> "glpat-" + random(BASE64URL, 20)),
                Map.entry("gldt", () -> "gldt-" + random(BASE64URL, 20)),
                Map.entry("glrt", () -> "glrt-" + random(BASE64URL, 20)),
                Map.entry("slack-bot", () -> "xoxb-" + digits(12) + "-" + digits(13) + "-" + random(ALNUM, 24)),
                Map.entry("slack-user", () -> "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-"
                        + random(HEX, 32)),
                Map.entry("slack-app", () -> "xapp-1-A" + random(UPPER_DIGITS, 10) + "-" + digits(13) + "-"
                        + random(HEX, 64)),
                Map.entry("slack-webhook", () -> "https://hooks.slack.com/services/T" + random(UPPER_DIGITS, 10) + "/B"
                        + random(UPPER_DIGITS, 10) + "/" + random(ALNUM, 24)),
                Map.entry("discord-webhook", () -> "https://discord.com/api/webhooks/" + digits(18) + "/"
                        + random(BASE64URL, 68)),
                Map.entry("google-api", () -> "AIza" + random(BASE64URL, 35)),
                Map.entry("google-oauth-secret", () -> "GOCSPX-" + random(BASE64URL, 28)),
                Map.entry("google-access", () -> "ya29." + random(BASE64URL, 120)),
                Map.entry("stripe-live", () -> "sk_live_" + random(ALNUM, 24)),
                Map.entry("stripe-test", () -> "sk_test_" + random(ALNUM, 99)),
                Map.entry("stripe-restricted", () -> "rk_live_" + random(ALNUM, 24)),
                Map.entry("stripe-webhook", () -> "whsec_" + random(ALNUM, 32)),
                Map.entry("azure-key", () -> base64Bytes(64)),
                Map.entry("azure-key44", () -> base64Bytes(32)),
                Map.entry("sas-sig", () -> random(ALNUM, 30) + "%2B" + random(ALNUM, 10) + "%3D"),
                Map.entry("azure-ad-secret", () -> random(ALNUM, 3) + random.nextInt(10) + "Q~" + random(ALNUM, 34)),
                Map.entry("npm", () -> "npm_" + random(ALNUM, 36)),
                Map.entry("pypi", () -> "pypi-AgEIcHlwaS5vcmc" + random(BASE64URL, 60)),
                Map.entry("vault", () -> "hvs." + random(BASE64URL, 90)),
                Map.entry("databricks", () -> "dapi" + random(HEX, 32)),
                Map.entry("sendgrid", () -> "SG." + random(BASE64URL, 22) + "." + random(BASE64URL, 43)),
                Map.entry("openai", () -> "sk-proj-" + random(BASE64URL, 48)),
                Map.entry("anthropic", () -> "sk-ant-api03-" + random(BASE64URL, 80)),
                Map.entry("newrelic", () -> "NRAK-" + random(UPPER_DIGITS, 27)),
                Map.entry("shopify", () -> "shpat_" + random(HEX, 32)),
                Map.entry("digitalocean", () -> "dop_v1_" + random(HEX, 64)),
                Map.entry("hf", () -> "hf_" + random(LETTERS, 34)),
                Map.entry("dckr", () -> "dckr_pat_" + random(BASE64URL, 27)),
                Map.entry("twilio", () -> "SK" + random(HEX, 32)),
                Map.entry("mailgun", () -> "key-" + random(HEX, 32)));
        this.harmless = Map.ofEntries(
                Map.entry("h-uuid", () -> new UUID(random.nextLong(), random.nextLong()).toString()),
                Map.entry("h-git-sha", () -> random(HEX, 40)),
                Map.entry("h-hex40", () -> random(HEX, 40)),
                Map.entry("h-sha256", () -> random(HEX, 64)),
                Map.entry("h-cluster-id", () -> random(BASE64URL, 22)),
                Map.entry("h-epoch", () -> Long.toString(1_700_000_000_000L + random.nextInt(1_000_000_000))),
                Map.entry("h-word", () -> "w" + random(ALNUM, 15)),
                Map.entry("h-b64-text", () -> base64("the quick brown fox " + random.nextInt(1000) + " jumps")),
                Map.entry("h-pem-cert", () -> pem("CERTIFICATE", certificate())),
                Map.entry("h-pem-public", () -> pem("PUBLIC KEY", rsa().getPublic().getEncoded())),
                Map.entry("h-cert-b64", () -> Base64.getEncoder().encodeToString(certificate())),
                Map.entry("h-public-b64", () -> Base64.getEncoder().encodeToString(ec().getPublic().getEncoded())));
    }

    public long seed() {
        return seed;
    }

    /** Whether {@code generator} makes secrets (as opposed to harmless {@code h-} values). */
    public boolean isSecret(String generator) {
        return secrets.containsKey(generator);
    }

    /** A fresh value of {@code generator}. */
    public String generate(String generator) {
        Supplier<String> supplier = secrets.containsKey(generator) ? secrets.get(generator) : harmless.get(generator);
        if (supplier == null) {
            throw new IllegalArgumentException("Unknown corpus generator " + generator);
        }
        return supplier.get();
    }

    private String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private String digits(int length) {
        return random("0123456789", length);
    }

    private String awsSecret() {
        // At least one of each class, as in real keys; the rest random.
        String body = random(BASE64, 37);
        return random("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + random("abcdefghijklmnopqrstuvwxyz", 1) + random.nextInt(10)
                + body;
    }

    private String jwt() {
        String[] algs = {"HS256", "RS256", "ES256", "PS512"};
        String header = "{\"alg\":\"" + algs[random.nextInt(algs.length)] + "\",\"typ\":\"JWT\",\"kid\":\""
                + random(ALNUM, 8) + "\"}";
        String payload = "{\"sub\":\"" + random(ALNUM, 10) + "\",\"iat\":" + (1_700_000_000 + random.nextInt(99_999))
                + ",\"scope\":\"read write\"}";
        return base64Url(header) + "." + base64Url(payload) + "." + random(BASE64URL, 43);
    }

    private String jwe() {
        String header = "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}";
        return base64Url(header) + "." + random(BASE64URL, 342) + "." + random(BASE64URL, 16) + "."
                + random(BASE64URL, 120) + "." + random(BASE64URL, 22);
    }

    private KeyPair rsa() {
        if (rsa == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, keyRandom);
                rsa = generator.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return rsa;
    }

    private KeyPair ec() {
        if (ec == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), keyRandom);
                ec = generator.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return ec;
    }

    /** A real CA certificate of this JDK's trust store (public, harmless). */
    private byte[] certificate() {
        try {
            KeyStore store = KeyStore.getInstance(new java.io.File(System.getProperty("java.home"),
                    "lib/security/cacerts"), (char[]) null);
            java.util.List<String> aliases = java.util.Collections.list(store.aliases());
            Certificate cert = store.getCertificate(aliases.get(random.nextInt(aliases.size())));
            return cert.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (its OCTET STRING). */
    static byte[] pkcs1(byte[] pkcs8) {
        int i = 0;
        i = skipHeader(pkcs8, i);           // PrivateKeyInfo SEQUENCE: step inside
        i = skipElement(pkcs8, i);          // version INTEGER
        i = skipElement(pkcs8, i);          // AlgorithmIdentifier SEQUENCE
        int content = skipHeader(pkcs8, i); // privateKey OCTET STRING: its content is the PKCS#1 key
        int end = skipElement(pkcs8, i);
        return java.util.Arrays.copyOfRange(pkcs8, content, end);
    }

    private static int skipHeader(byte[] der, int i) {
        int length = der[i + 1] & 0xff;
        return i + 2 + (length < 0x80 ? 0 : length - 0x80);
    }

    private static int skipElement(byte[] der, int i) {
        int first = der[i + 1] & 0xff;
        int length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int count = first - 0x80;
            length = 0;
            for (int k = 0; k < count; k++) {
                length = (length << 8) | (der[i + 2 + k] & 0xff);
            }
            header = 2 + count;
        }
        return i + header + length;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String base64Bytes(int length) {
        return Base64.getEncoder().encodeToString(randomBytes(length));
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
