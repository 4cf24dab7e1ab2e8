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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.connectusm.testkit.LogCapture;
import io.connectusm.endpoint.TestEndpoint;
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

    @Test
    void logInSeeThePagesShrugOffForgedPostsAndLogOut() throws Exception {
        String base = endpoint.endpoint().baseUrl();
        browser.get(base + "/ui/connect-clusters/" + usmcc);
        assertThat(browser.getCurrentUrl()).startsWith(base + "/ui/login");
        shot("1-login");

        browser.findElement(By.id("api-key")).sendKeys(endpoint.admin.key());
        browser.findElement(By.id("api-secret")).sendKeys(endpoint.admin.secret());
        browser.findElement(By.cssSelector("form.login button")).click();
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
