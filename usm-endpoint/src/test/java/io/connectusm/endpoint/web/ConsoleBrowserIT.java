package io.connectusm.endpoint.web;

import static io.connectusm.endpoint.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.connectusm.testkit.LogCapture;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;

/**
 * The console in a real browser: Debian's headless Chromium driven through its own chromedriver (never a
 * downloaded browser or driver). Logs in through the login page, sees the pages, then opens a hostile page served
 * from another loopback port that fires the probe's forged posts (text/plain form posts of JSON to the API that
 * would create an admin key and rewrite a connector, a forged console form) with whatever credentials the browser
 * holds; none changes anything, and the endpoint's log shows each refused by the cross-origin check. Logs out.
 * Then, with a viewer's key, finds the two broken connectors among 1,000 on one cluster: first on the page
 * without scrolling, by the state filter and by search (keyboard only), opens one, sees its masked values, its
 * diff and its timeline, sees a change arrive by itself without losing the scroll position, checks the page at
 * 400 px wide, and logs out.
 * Screenshots go to {@code target/browser-screenshots/}.
 *
 * <p>Skipped when the browser is missing, unless {@code -Drequire.chromium=true} (CI), where that is a failure.
 */
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestEndpoint endpoint;
    private static HttpServer attacker;
    private static ChromeDriver browser;
    private static String usmcc;
    private static String fleet;
    private static final ClusterRef FLEET = new ClusterRef("kafka-b", "connect-fleet");
    private static final String BROKEN = "fleet-0577";
    private static final String BROKEN_TASK = "fleet-0311";

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (Boolean.getBoolean("require.chromium")) {
            assertThat(present).as("require.chromium=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing "
                    + "(apt-get install chromium chromium-driver)").isTrue();
        }
        Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-endpoints")), "browser-");
        endpoint = TestEndpoint.start(dir);
        endpoint.registerKafka("env-browser", "kafka-b");
        assertThat(endpoint.registerConnect("env-browser", "kafka-b", "connect-b").statusCode()).isEqualTo(201);
        usmcc = TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-browser", null,
                endpoint.admin)).get("data").get(0).get("id").asText();
        ClusterRef ref = new ClusterRef("kafka-b", "connect-b");
        assertThat(endpoint.sendBytes("/usm/v1/events", new EventCodec().encodeBatch(List.of(
                snapshot(ref, "orders", Instant.parse("2026-11-20T10:00:00Z"), 1, ConnectorState.RUNNING, 2,
                        Map.of("topic", "orders", "db.password", "x"), Set.of("db.password")),
                snapshot(ref, "billing", Instant.parse("2026-11-20T10:00:00Z"), 1, ConnectorState.FAILED, 0,
                        Map.of("topic", "billing"), Set.of()))), endpoint.agent, MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .statusCode()).isEqualTo(204);

        assertThat(endpoint.registerConnect("env-browser", "kafka-b", "connect-fleet").statusCode()).isEqualTo(201);
        for (JsonNode c : TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-browser",
                null, endpoint.admin)).get("data")) {
            if (c.get("confluent_platform_connect_cluster_id").asText().equals("connect-fleet")) {
                fleet = c.get("id").asText();
            }
        }
        postFleet();

        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] page = hostilePage().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();

        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setAcceptInsecureCerts(true); // the endpoint's certificate is issued by the test's own CA
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,900", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void logInSeeThePagesShrugOffForgedPostsAndLogOut() throws Exception {
        String base = endpoint.endpoint().baseUrl();
        browser.get(base + "/ui/connect-clusters/" + usmcc);
        assertThat(browser.getCurrentUrl()).startsWith(base + "/ui/login");
        shot("1-login");

        logInAs(endpoint.admin);
        Awaitility.await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ui/connect-clusters/" + usmcc));
        String cluster = browser.getPageSource();
        assertThat(cluster).contains("orders").contains("billing").contains(endpoint.admin.key() + " (admin)");
        shot("2-cluster");
        assertThat(browser.manage().getCookieNamed("usm_session")).satisfies(c -> {
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.isSecure()).isTrue();
            assertThat(c.getSameSite()).isEqualTo("Strict");
            assertThat(c.getPath()).isEqualTo("/ui");
        });
        browser.findElement(By.linkText("orders")).click();
        assertThat(browser.getPageSource()).contains("********");
        shot("3-connector");

        // basic credentials cached by the browser too, as the probe had them (the API opened in a tab)
        try {
            browser.get(base.replace("https://", "https://" + endpoint.admin.key() + ":" + java.net.URLEncoder.encode(
                    endpoint.admin.secret(), StandardCharsets.UTF_8) + "@") + "/usm/v1/connect-clusters?environment="
                    + "env-browser");
        } catch (org.openqa.selenium.WebDriverException e) {
            // the driver's message repeats the URL, secret included: never let it reach the test's output
            throw new AssertionError("opening the API with basic credentials in the URL failed: "
                    + e.getClass().getSimpleName());
        }

        int keysBefore = TestEndpoint.json(endpoint.send("GET", "/usm/v1/api-keys", null, endpoint.admin)).get("data")
                .size();
        try (LogCapture log = new LogCapture()) {
            browser.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(log.text())
                    .contains("POST /usm/v1/api-keys -> 403")
                    .contains("POST /usm/v1/events -> 403")
                    .contains("POST /ui/connect-clusters/" + usmcc + "/deregister -> 403"));
            shot("4-hostile-page");
        }
        assertThat(TestEndpoint.json(endpoint.send("GET", "/usm/v1/api-keys", null, endpoint.admin)).get("data"))
                .hasSize(keysBefore);
        JsonNode orders = TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc
                + "/connectors/orders", null, endpoint.admin));
        assertThat(orders.get("state").asText()).isEqualTo("RUNNING");
        assertThat(orders.get("config").get("topic").asText()).isEqualTo("orders");
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.admin).statusCode())
                .isEqualTo(200);

        browser.get(base + "/ui");
        browser.findElement(By.cssSelector("form.logout button")).click();
        Awaitility.await().atMost(WAIT).until(() -> browser.getCurrentUrl().startsWith(base + "/ui/login"));
        shot("5-logged-out");
        assertThat(browser.manage().getCookieNamed("usm_session")).isNull();
        browser.get(base + "/ui");
        assertThat(browser.getCurrentUrl()).startsWith(base + "/ui/login");
    }

    /**
     * 1,000 connectors on one cluster: one FAILED, one RUNNING whose task 1 FAILED after its config changed (so
     * its history has a diff), every one with a masked password.
     */
    private static void postFleet() {
        Instant t = Instant.now().minusSeconds(30);
        List<io.connectusm.events.MetadataEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String name = String.format("fleet-%04d", i);
            Map<String, String> config = Map.of("topic", name, "db.password", "x");
            batch.add(snapshot(FLEET, name, t, i, i == 577 ? ConnectorState.FAILED : ConnectorState.RUNNING, 2,
                    config, Set.of("db.password")));
            if (batch.size() == 250) {
                postEvents(batch);
                batch.clear();
            }
        }
        String name = BROKEN_TASK;
        java.util.TreeMap<String, String> config = new java.util.TreeMap<>(Map.of("topic", name + "-v2",
                "batch.size", "500", "db.password", io.connectusm.events.ConnectorSnapshot.MASKED_VALUE));
        batch.add(snapshot(FLEET, name, t.plusSeconds(1), 2000, ConnectorState.RUNNING, List.of(
                io.connectusm.endpoint.TestEvents.task(0, ConnectorState.RUNNING),
                io.connectusm.endpoint.TestEvents.task(1, ConnectorState.RUNNING)), config));
        batch.add(snapshot(FLEET, name, t.plusSeconds(2), 2001, ConnectorState.RUNNING, List.of(
                io.connectusm.endpoint.TestEvents.task(0, ConnectorState.RUNNING),
                io.connectusm.endpoint.TestEvents.task(1, ConnectorState.FAILED)), config));
        postEvents(batch);
    }

    private static void postEvents(List<io.connectusm.events.MetadataEvent> events) {
        assertThat(endpoint.sendBytes("/usm/v1/events", new EventCodec().encodeBatch(events), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON).statusCode()).isEqualTo(204);
    }

    private static void logInAs(ApiKeyCredentials key) {
        browser.findElement(By.id("api-key")).sendKeys(key.key());
        browser.findElement(By.id("api-secret")).sendKeys(key.secret());
        browser.findElement(By.cssSelector("form.login button")).click();
    }

    /** The connector names of the table, read in one script: the page's live refresh cannot replace them midway. */
    @SuppressWarnings("unchecked")
    private static List<String> rowNames() {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "'table.connectors tbody tr td:first-child a'), a => a.innerText.trim())");
    }

    @Test
    void aViewerFindsTheBrokenConnectorsAmongAThousandFirstByFilterAndBySearchAndSeesItsHistory() throws Exception {
        String base = endpoint.endpoint().baseUrl();
        ApiKeyCredentials viewer = endpoint.endpoint().apiKeys().create(ApiRole.VIEWER, "a colleague");
        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.get(base + "/ui/connect-clusters/" + fleet);
        if (browser.getCurrentUrl().startsWith(base + "/ui/login")) {
            logInAs(viewer);
        }
        Awaitility.await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ui/connect-clusters/" + fleet));

        // failing first, in the first screenful: no scrolling, no search
        assertThat(rowNames().subList(0, 3)).containsExactly(BROKEN_TASK, BROKEN, "fleet-0000");
        int viewport = ((Number) browser.executeScript("return window.innerHeight")).intValue();
        for (WebElement row : browser.findElements(By.cssSelector("table.connectors tbody tr.failing"))) {
            assertThat(row.getRect().getY() + row.getRect().getHeight()).as("a failing row in the first screen")
                    .isLessThanOrEqualTo(viewport);
        }
        assertThat(browser.findElement(By.cssSelector(".summary-line")).getText()).contains("1000 connectors:")
                .contains("2 failing").contains("1 with failed tasks");
        assertThat(browser.findElement(By.id("showing")).getText()).isEqualTo("Showing 1–50 of 1000");
        assertThat(browser.findElements(By.cssSelector("form[method=post]"))).as("a viewer gets no forms but "
                + "logout").hasSize(1);
        shot("6-fleet-failing-first");

        // by the state filter, keyboard only
        WebElement state = browser.findElement(By.id("f-state"));
        new Select(state).selectByValue("FAILED");
        browser.findElement(By.cssSelector("form.filters button")).sendKeys(Keys.ENTER);
        Awaitility.await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("state=FAILED"));
        assertThat(rowNames()).containsExactly(BROKEN);
        shot("7-filter-failed");
        browser.findElement(By.linkText("Clear filters")).click();

        // by search
        WebElement search = browser.findElement(By.id("f-q"));
        search.sendKeys("0311", Keys.ENTER);
        Awaitility.await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("q=0311"));
        assertThat(rowNames()).containsExactly(BROKEN_TASK);
        assertThat(browser.findElement(By.id("f-q")).getAttribute("value")).isEqualTo("0311");
        browser.findElement(By.linkText(BROKEN_TASK)).click();

        // masked values, the diff, the timeline
        Awaitility.await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/connectors/" + BROKEN_TASK));
        String page = browser.getPageSource();
        assertThat(page).contains("<code class=\"masked\">********</code>").doesNotContain(">x<");
        // The page's live refresh may replace what is being read (its first poll always does): read again then.
        Awaitility.await().atMost(WAIT).ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    assertThat(browser.findElements(By.cssSelector("ol.timeline ul.changes li")).stream()
                            .map(WebElement::getText).toList())
                            .contains("task 1 RUNNING → FAILED", "config: 2 keys (1 added, 1 changed)");
                    assertThat(browser.findElements(By.cssSelector("ul.diff li.diff-change")).stream()
                            .map(WebElement::getText).toList())
                            .contains("~ topic: " + BROKEN_TASK + " → " + BROKEN_TASK + "-v2");
                });
        shot("8-connector-history");

        // live: a change shows up by itself, where the operator had scrolled to
        browser.executeScript("window.scrollTo(0, 200)");
        long scrolled = ((Number) browser.executeScript("return window.scrollY")).longValue();
        postEvents(List.of(snapshot(FLEET, BROKEN_TASK, Instant.now(), 3000, ConnectorState.PAUSED, List.of(
                io.connectusm.endpoint.TestEvents.task(0, ConnectorState.PAUSED),
                io.connectusm.endpoint.TestEvents.task(1, ConnectorState.FAILED)), new java.util.TreeMap<>(Map.of(
                "topic", BROKEN_TASK + "-v2", "batch.size", "500", "db.password",
                io.connectusm.events.ConnectorSnapshot.MASKED_VALUE)))));
        // The page replaces its timeline when the change arrives: an item read meanwhile is stale, read again then.
        Awaitility.await().atMost(WAIT).ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> browser.findElements(By.cssSelector("ol.timeline ul.changes li"))
                        .stream().anyMatch(li -> li.getText().equals("state RUNNING → PAUSED")));
        assertThat(((Number) browser.executeScript("return window.scrollY")).longValue()).isEqualTo(scrolled);
        assertThat(browser.getCurrentUrl()).endsWith("/connectors/" + BROKEN_TASK);

        // 400 px wide: nothing wider than the screen but the tables, which scroll in their own box
        browser.manage().window().setSize(new Dimension(400, 900));
        browser.get(base + "/ui/connect-clusters/" + fleet + "?state=failing");
        assertThat(rowNames()).containsExactly(BROKEN_TASK, BROKEN);
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue())
                .isLessThanOrEqualTo(((Number) browser.executeScript("return window.innerWidth")).longValue());
        shot("9-400px");
        browser.manage().window().setSize(new Dimension(1200, 900));

        browser.findElement(By.cssSelector("form.logout button")).click();
        Awaitility.await().atMost(WAIT).until(() -> browser.getCurrentUrl().startsWith(base + "/ui/login"));
        browser.get(base + "/ui/connect-clusters/" + fleet);
        assertThat(browser.getCurrentUrl()).startsWith(base + "/ui/login");
    }

    /** The probe's page: three forged posts into hidden frames, fired on load. */
    private static String hostilePage() {
        String target = endpoint.endpoint().baseUrl();
        String forgedKey = "{\"spec\":{\"role\":\"admin\",\"description\":\"forged\",\"pad\":\"";
        String batch = new String(new EventCodec().encodeBatch(List.of(snapshot(new ClusterRef("kafka-b",
                "connect-b"), "orders", Instant.parse("2026-11-20T11:00:00Z"), 2, ConnectorState.PAUSED, 0,
                Map.of("topic", "stolen"), Set.of()))), StandardCharsets.UTF_8);
        String forgedEvents = batch.substring(0, batch.length() - 2) + ",\"pad\":\"";
        return "<!DOCTYPE html><html><body><h1>Totally harmless</h1>"
                + "<iframe name=\"f1\"></iframe><iframe name=\"f2\"></iframe><iframe name=\"f3\"></iframe>"
                + "<form id=\"a\" method=\"post\" enctype=\"text/plain\" target=\"f1\" action=\"" + target
                + "/usm/v1/api-keys\"><input name='" + attribute(forgedKey) + "' value='\"}}'></form>"
                + "<form id=\"b\" method=\"post\" enctype=\"text/plain\" target=\"f2\" action=\"" + target
                + "/usm/v1/events\"><input name='" + attribute(forgedEvents) + "' value='\"}]'></form>"
                + "<form id=\"c\" method=\"post\" target=\"f3\" action=\"" + target + "/ui/connect-clusters/" + usmcc
                + "/deregister\"><input name=\"confirm_name\" value=\"connect-b\"><input name=\"csrf_token\" "
                + "value=\"guessed\"></form>"
                + "<script>for (const id of ['a', 'b', 'c']) document.getElementById(id).submit();</script>"
                + "</body></html>";
    }

    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;");
    }

    private static void shot(String name) throws IOException {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
