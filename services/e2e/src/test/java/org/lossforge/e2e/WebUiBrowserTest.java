package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lossforge.schemas.Topics;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ranker's web UI as a person sees it, in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; Selenium is told both paths, so nothing is downloaded). The four services run as shipped
 * over a real broker and registry, the trainer with its oracle fit (exact train-metric truth plus seeded noise: every
 * other hop is the production path). A small study (3 losses × 2 train sizes × 3 seeds) is posted; the leaderboard
 * page must show its rows, sort them by a clicked column, plot one line per loss with a point at each train size,
 * and show an injected candidate's row without a reload; the studies list and the dead-letter page must show the
 * study and a poison record. Screenshots go to {@code target/ui/}.
 *
 * <p>Skipped, with the reason, only where no Chromium and chromedriver are installed ({@code .ci/run} installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    private static final String STUDY = "ui-study";
    private static final List<String> LOSSES = List.of("mse", "hr", "listmle");
    private static final List<Integer> SIZES = List.of(20, 50);
    private static final int SEEDS = 3;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Path SHOTS = Path.of("target", "ui");

    private Platform platform;
    private ChromeDriver browser;
    private String ranker;
    private String generator;

    /** The first existing executable: the environment variable's path, else the candidates. */
    static Path executable(String env, String... candidates) {
        List<String> paths = new ArrayList<>();
        String given = System.getenv(env);
        if (given != null && !given.isBlank()) {
            paths.add(given);
        }
        paths.addAll(List.of(candidates));
        return paths.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    @BeforeAll
    void start() throws IOException {
        Path chromium = executable("LOSSFORGE_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Path driver = executable("LOSSFORGE_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium != null && driver != null, "no headless Chromium here (chromium: " + chromium
                + ", chromedriver: " + driver + "): install Debian's chromium and chromium-driver (.ci/run does), or "
                + "set LOSSFORGE_CHROMIUM and LOSSFORGE_CHROMEDRIVER");
        Files.createDirectories(SHOTS);
        platform = Platform.start(Path.of("target", "e2e-logs", "web-ui"),
                Map.of(Platform.TRAINER, Map.of("lossforge.trainer.fit", "oracle")));
        ranker = platform.url(Platform.RANKER);
        generator = platform.url(Platform.GENERATOR);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        Path profile = Files.createTempDirectory("lossforge-chromium-");
        // the flags this machine's closed network needs (no background connections, no component updates)
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1300", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().withLogFile(SHOTS.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));

        String body = "{\"studyId\":\"" + STUDY + "\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":["
                + String.join(",", LOSSES.stream().map(l -> "\"" + l + "\"").toList()) + "],\"trainSizes\":"
                + SIZES + ",\"seeds\":" + SEEDS + ",\"baseSeed\":11,\"params\":{\"epochs\":10},"
                + "\"requestedBy\":\"WebUiBrowserTest\"}";
        Rest.Response accepted = Rest.postJson(generator + "/studies", body, platform.apiKey());
        assertEquals(202, accepted.status(), accepted.body());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void theLeaderboardPageShowsSortsAndPlotsTheStudy() throws IOException {
        browser.get(ranker + "/ui/study.html?id=" + STUDY);
        // every configuration with all its seeds: one table per train size, one row per loss
        waitFor("all " + LOSSES.size() * SIZES.size() + " configurations complete", () -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("section.group tbody tr"));
            return rows.size() == LOSSES.size() * SIZES.size() && rows.stream()
                    .allMatch(r -> r.findElements(By.tagName("td")).get(5).getText().equals(SEEDS + " / " + SEEDS));
        });
        // the last render: the significance answer comes after the rows (the page re-renders the tables with it)
        waitFor("one best per setting", () ->
                browser.findElements(By.cssSelector("section.group .badge.best")).size() == SIZES.size());
        assertEquals(SIZES.size(), browser.findElements(By.cssSelector("section.group")).size());
        assertEquals(Set.of(), settled(() -> missing(browser.findElements(By.cssSelector("section.group tbody tr")))),
                "every loss in every train-size table");

        // the server's ranking: descending τ-b, so rank 1 holds the largest mean
        List<Double> ranked = settled(this::means);
        assertSortedBy(ranked, -1, "server ranking (kendallTauB, descending)");

        // click the mean column: ascending, click again: descending; the rows really move
        browser.findElement(By.cssSelector("section.group th[data-sort='mean']")).click();
        List<Double> ascending = settled(this::means);
        assertSortedBy(ascending, 1, "after one click on the mean column");
        browser.findElement(By.cssSelector("section.group th[data-sort='mean']")).click();
        assertSortedBy(settled(this::means), -1, "after a second click");
        // and by loss name
        browser.findElement(By.cssSelector("section.group th[data-sort='loss']")).click();
        List<String> names = settled(() -> browser.findElements(By.cssSelector("section.group:first-of-type tbody tr"))
                .stream().map(r -> r.getAttribute("data-loss")).toList());
        assertEquals(new ArrayList<>(new TreeSet<>(LOSSES)), names, "sorted by loss name");

        // the plot: one line per loss, a point at each train size
        settled(() -> {
            List<WebElement> series = browser.findElements(By.cssSelector("#plots svg g.series"));
            assertEquals(LOSSES.size(), series.size(), "one series per loss");
            for (WebElement s : series) {
                String loss = s.getAttribute("data-name");
                assertTrue(LOSSES.contains(loss), loss);
                assertEquals(1, s.findElements(By.cssSelector("path.line")).size(), loss + ": one line");
                List<Integer> xs = s.findElements(By.cssSelector("circle.point")).stream()
                        .map(c -> Integer.parseInt(c.getAttribute("data-x"))).sorted().toList();
                assertEquals(SIZES, xs, loss + ": a point at every train size");
            }
            return null;
        });
        // the significance column is filled: one best per setting
        assertEquals(SIZES.size(), browser.findElements(By.cssSelector("section.group .badge.best")).size());
        shot("leaderboard.png");
    }

    @Test
    @Order(2)
    void anInjectedCandidateAppearsWithoutAReload() throws IOException {
        // a mark that a reload would wipe
        ((JavascriptExecutor) browser).executeScript("window.__lossforgeNoReload = 'still here';");
        int before = Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-refreshes"));
        Rest.Response injected = Rest.postJson(generator + "/studies/" + STUDY + "/candidates",
                "{\"candidateId\":\"ui-injected-ew\",\"spec\":\"ew\",\"submittedBy\":\"WebUiBrowserTest\"}",
                platform.apiKey());
        assertEquals(202, injected.status(), injected.body());
        waitFor("the injected candidate's rows, labelled", () -> browser
                .findElements(By.cssSelector("section.group tbody tr.injected")).size() == SIZES.size());
        settled(() -> {   // its later seeds re-render the rows meanwhile
            for (WebElement row : browser.findElements(By.cssSelector("section.group tbody tr.injected"))) {
                assertEquals("ui-injected-ew", row.getAttribute("data-candidate"));
                assertTrue(row.getText().contains("injected"), row.getText());
            }
            return null;
        });
        assertEquals("still here", ((JavascriptExecutor) browser).executeScript("return window.__lossforgeNoReload;"),
                "the page was not reloaded");
        int after = Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-refreshes"));
        assertTrue(after > before, "refreshed from the stream: " + before + " -> " + after);
        waitFor("the plot's fourth line", () ->
                browser.findElements(By.cssSelector("#plots svg g.series")).size() == LOSSES.size() + 1);
        shot("leaderboard-injected.png");
    }

    @Test
    @Order(3)
    void theStudiesListAndTheDeadLetterPage() throws Exception {
        // a record nobody can read, on the evaluations topic: the ranker dead-letters it
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.EVALUATIONS, (STUDY + "/poison").getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        browser.get(ranker + "/ui/index.html");
        waitFor("the study in the list with its dead letter", () -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("#studies tr[data-study='" + STUDY + "']"));
            if (rows.isEmpty()) {
                return false;
            }
            List<WebElement> cells = rows.get(0).findElements(By.tagName("td"));
            int trials = (LOSSES.size() + 1) * SIZES.size() * SEEDS;
            return cells.get(3).getText().equals(trials + " / " + trials) && cells.get(6).getText().equals("1");
        });
        assertEquals("STUDY", browser.findElement(By.cssSelector("#studies tr[data-study='" + STUDY + "'] .badge.kind")).getText());
        shot("studies.png");

        browser.get(ranker + "/ui/dead-letters.html?study=" + STUDY);
        waitFor("the poison record on the dead-letter page", () -> browser
                .findElements(By.cssSelector("#letters tbody tr")).size() == 1);
        String row = browser.findElement(By.cssSelector("#letters tbody tr")).getText();
        assertTrue(row.contains(Topics.EVALUATIONS) && row.contains("ranker") && row.contains(STUDY + "/poison"), row);
        shot("dead-letters.png");
    }

    private List<Double> means() {
        return browser.findElements(By.cssSelector("section.group:first-of-type tbody tr")).stream()
                .map(r -> Double.parseDouble(r.getAttribute("data-mean"))).toList();
    }

    private static void assertSortedBy(List<Double> values, int direction, String what) {
        assertEquals(LOSSES.size(), values.size(), what);
        for (int i = 1; i < values.size(); i++) {
            assertTrue(direction * Double.compare(values.get(i), values.get(i - 1)) >= 0, what + ": " + values);
        }
    }

    private Set<String> missing(List<WebElement> rows) {
        Set<String> want = new TreeSet<>();
        for (int size : SIZES) {
            for (String l : LOSSES) {
                want.add(size + "/" + l);
            }
        }
        for (WebElement r : rows) {
            String size = r.findElement(By.xpath("ancestor::section")).getAttribute("data-train-size");
            want.remove(size + "/" + r.getAttribute("data-loss"));
        }
        return want;
    }

    /**
     * Reads the page, again when a live update replaced the elements meanwhile (the page re-renders a table when an
     * entry or an answer arrives; an element found before is then stale). Only staleness is retried.
     */
    private <T> T settled(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt >= 20) {
                    throw e;
                }
                ServiceProcess.sleep(100);
            }
        }
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT, Duration.ofMillis(250)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(NumberFormatException.class)
                .until(d -> condition.getAsBoolean());
    }

    private void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
