package io.connectusm.endpoint.web;

/** The console's page addresses, built from encoded segments so any name is safe in a link. Stateless. */
final class Paths {

    static final String HOME = "/ui";
    static final String LOGIN = HOME + "/login";
    static final String LOGOUT = HOME + "/logout";

    private Paths() {
    }

    static String environment(String environment) {
        return HOME + "/environments/" + Html.url(environment);
    }

    static String cluster(String id) {
        return HOME + "/connect-clusters/" + Html.url(id);
    }

    /**
     * {@code path} when it is a console page to return to after login, else {@link #HOME}: only paths of this
     * origin under {@code /ui}, without dot segments, so the login form is no open redirect.
     */
    static String safeNext(String path) {
        if (path == null || !(path.equals(HOME) || path.startsWith(HOME + "/")) || path.startsWith(LOGIN)
                || path.contains("\\") || path.contains("//") || path.contains("/.")
                || path.toLowerCase(java.util.Locale.ROOT).contains("%2e")
                || path.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            return HOME;
        }
        return path;
    }

    /** The page of the connectors using a topic of a (USM) Kafka cluster. */
    static String topic(String kafkaClusterId, String topic) {
        return HOME + "/kafka-clusters/" + Html.url(kafkaClusterId) + "/topics/" + Html.url(topic);
    }

    static String connector(String clusterId, String name) {
        return cluster(clusterId) + "/connectors/" + Html.url(name);
    }
}
