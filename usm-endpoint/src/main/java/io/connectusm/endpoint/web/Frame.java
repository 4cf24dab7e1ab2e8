package io.connectusm.endpoint.web;

import java.util.ArrayList;
import java.util.List;

import io.connectusm.endpoint.store.ConnectCluster;

/**
 * What every page's frame shows: the title and the breadcrumbs (environments → Connect cluster → connector), the
 * last one being the page itself. Immutable.
 *
 * @param title    the page's title, before " · connect-usm"
 * @param crumbs   the breadcrumbs, home first
 * @param signedIn who the page is shown to (the header's "signed in as" and "Log out"), or {@code null}
 * @param notice   a success message to show above the page (after a form was done), or {@code null}
 */
record Frame(String title, List<Crumb> crumbs, SignedIn signedIn, String notice) {

    /**
     * The caller a page is rendered for.
     *
     * @param key         the API key ID
     * @param role        its role's label
     * @param logoutToken the anti-CSRF token of the header's logout form, or {@code null} when the caller came
     *                    with basic credentials (there is no session to end)
     */
    record SignedIn(String key, String role, String logoutToken) {
    }

    Frame(String title, List<Crumb> crumbs) {
        this(title, crumbs, null, null);
    }

    /** This frame, shown to {@code signedIn}. */
    Frame as(SignedIn signedIn) {
        return new Frame(title, crumbs, signedIn, notice);
    }

    /** This frame with a success message ({@code null}: none). */
    Frame withNotice(String message) {
        return new Frame(title, crumbs, signedIn, message);
    }

    /** One breadcrumb: a label and the page it links to, or {@code null} for the current page. */
    record Crumb(String label, String path) {

        static final Crumb HOME = new Crumb("Environments", Paths.HOME);

        static Crumb here(String label) {
            return new Crumb(label, null);
        }

        static Crumb environment(String environment) {
            return new Crumb(environment, Paths.environment(environment));
        }

        static Crumb cluster(ConnectCluster cluster) {
            return new Crumb(cluster.displayName(), Paths.cluster(cluster.id()));
        }
    }

    Frame {
        crumbs = List.copyOf(crumbs);
    }

    /** A page below home: home, then {@code between}, then the page itself titled {@code title}. */
    static Frame of(String title, List<Crumb> between, String here) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(Crumb.HOME);
        crumbs.addAll(between);
        crumbs.add(Crumb.here(here));
        return new Frame(title, crumbs);
    }
}
