package io.connectusm.secrets.detect;

/**
 * What a detector found. A {@linkplain #isShape() shape} is a credential recognisable by its form wherever it is
 * (a config value holding one is masked whole); the others are credentials recognisable by their syntax
 * (cut out of a value, the rest kept). {@link #code()} is stable: use it as a metric label.
 *
 * <p>Immutable; thread-safe.
 */
public enum CredentialKind {
    /** The password (or a token as the only user) of {@code scheme://user:password@host}, also without scheme. */
    URL_USER_INFO("url-user-info", false),
    /** Oracle's {@code user/password@host}. */
    ORACLE_USER_PASSWORD("oracle-user-password", false),
    /** A secret-named assignment: {@code password=…}, {@code "token": "…"}, JAAS {@code clientSecret="…"}, … */
    INLINE_ASSIGNMENT("inline-assignment", false),
    /** The credential of an {@code Authorization}-style header or of a free {@code Bearer …}/{@code Basic …}. */
    AUTH_HEADER("auth-header", false),
    /** A PEM private-key block ({@code -----BEGIN … PRIVATE KEY-----}) or a PuTTY key file. */
    PEM_PRIVATE_KEY("pem-private-key", true),
    /** A base64 DER private key without PEM armour (PKCS#1, PKCS#8, SEC1). */
    DER_PRIVATE_KEY("der-private-key", true),
    /** A JSON Web Token (JWS or JWE compact form). */
    JWT("jwt", true),
    /** An AWS access key ID ({@code AKIA…}, {@code ASIA…}). */
    AWS_ACCESS_KEY_ID("aws-access-key-id", true),
    /** A 40-character AWS secret access key in a text holding an AWS key ID or the word {@code aws}. */
    AWS_SECRET_KEY("aws-secret-key", true),
    /** A GitHub token ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_}, {@code github_pat_}). */
    GITHUB_TOKEN("github-token", true),
    /** A GitLab token ({@code glpat-} and the other {@code gl…-} kinds). */
    GITLAB_TOKEN("gitlab-token", true),
    /** A Slack token ({@code xoxb-} …, {@code xapp-}). */
    SLACK_TOKEN("slack-token", true),
    /** A Slack, Discord or Teams incoming-webhook URL. */
    WEBHOOK_URL("webhook-url", true),
    /** A Google API key, OAuth client secret or access token. */
    GOOGLE_CREDENTIAL("google-credential", true),
    /** A Stripe secret, restricted or webhook key. */
    STRIPE_KEY("stripe-key", true),
    /** An Azure storage account key or shared access key ({@code AccountKey=}, {@code SharedAccessKey=}). */
    AZURE_KEY("azure-key", true),
    /** An Azure shared access signature ({@code SharedAccessSignature=}, or {@code sig=} beside {@code sv=}). */
    AZURE_SAS("azure-sas", true),
    /** Another SaaS token with a recognisable prefix (npm, PyPI, Vault, Databricks, SendGrid, OpenAI …). */
    SAAS_TOKEN("saas-token", true),
    /** A value the connector's config masked, found again in a trace. */
    KNOWN_SECRET("known-secret", false);

    private final String code;
    private final boolean shape;

    CredentialKind(String code, boolean shape) {
        this.code = code;
        this.shape = shape;
    }

    /** The stable identifier, e.g. {@code jwt}. */
    public String code() {
        return code;
    }

    /** Whether this is a credential shape (masks a whole config value) rather than a syntax-delimited part. */
    public boolean isShape() {
        return shape;
    }
}
