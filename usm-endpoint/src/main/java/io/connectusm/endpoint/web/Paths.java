package io.connectusm.endpoint.web;

/** The console's page addresses, built from encoded segments so any name is safe in a link. Stateless. */
final class Paths {

    static final String HOME = "/ui";

    private Paths() {
    }

    static String environment(String environment) {
        return HOME + "/environments/" + Html.url(environment);
    }

    static String cluster(String id) {
        return HOME + "/connect-clusters/" + Html.url(id);
    }

    static String connector(String clusterId, String name) {
        return cluster(clusterId) + "/connectors/" + Html.url(name);
    }
}
