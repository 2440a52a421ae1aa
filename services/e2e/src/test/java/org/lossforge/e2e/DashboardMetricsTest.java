package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lossforge.testkit.RepoRoot;

/**
 * Every PromQL query of every Grafana dashboard in k8s/monitoring/dashboards names only metrics the four services
 * really export: the platform is started as shipped, each service's {@code /q/metrics} is scraped once (the services
 * register their counters at 0 and their histograms at startup, so nothing depends on traffic), and each query naming
 * anything else fails the test with the names it got wrong. The exported names are written to
 * {@code target/exported-metrics.txt} (service, name) for whoever edits a dashboard, each scrape to
 * {@code target/metrics-<service>.txt}.
 */
class DashboardMetricsTest {

    static final Path DASHBOARDS = RepoRoot.find().resolve("k8s/monitoring/dashboards");

    @Test
    void everyDashboardQueryNamesOnlyExportedMetrics() throws IOException {
        Map<String, Set<String>> byService = new TreeMap<>();
        try (Platform platform = Platform.start(Path.of("target", "dashboard-metrics-logs"))) {
            for (String s : Platform.SERVICES) {
                Rest.Response r = Rest.get(platform.url(s) + "/q/metrics");
                assertEquals(200, r.status(), s + " /q/metrics");
                byService.put(s, DashboardQueries.exportedNames(r.body()));
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "metrics-" + s + ".txt"), r.body());
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "exported-metrics.txt"), byService.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(n -> e.getKey() + " " + n)).toList());
        Set<String> exported = new TreeSet<>();
        byService.values().forEach(exported::addAll);

        // what the dashboards rely on, service by service (a renamed meter fails here with a clear message)
        for (String s : Platform.SERVICES) {
            for (String n : List.of("lossforge_dead_letters_total", "process_resident_memory_bytes",
                    "jvm_memory_used_bytes", "process_cpu_usage")) {
                assertTrue(byService.get(s).contains(n), s + " exports " + n);
            }
        }
        for (String s : List.of(Platform.GENERATOR, Platform.TRAINER, Platform.EVALUATOR)) {
            assertTrue(byService.get(s).contains("kafka_consumer_fetch_manager_records_lag_max"), s + " consumer lag");
        }
        assertTrue(byService.get(Platform.TRAINER).contains("lossforge_trainer_fit_seconds_bucket"), "fit histogram");
        assertTrue(byService.get(Platform.TRAINER).contains("lossforge_trainer_gpus"), "GPU gauge");
        assertTrue(byService.get(Platform.RANKER).contains("kafka_stream_thread_commit_latency_avg"),
                "ranker commit latency");

        List<DashboardQueries.Query> queries = DashboardQueries.queries(DASHBOARDS);
        Set<String> files = queries.stream().map(q -> q.where().substring(0, q.where().indexOf(':')))
                .collect(Collectors.toSet());
        assertEquals(Set.of("platform-overview.json", "trainer-and-ranker.json"), files, "dashboards with queries");
        assertTrue(queries.size() >= 15, "queries found: " + queries.size());
        Map<DashboardQueries.Query, Set<String>> bad = DashboardQueries.unknown(queries, exported);
        assertTrue(bad.isEmpty(), bad.size() + " of " + queries.size() + " dashboard queries name metrics no service"
                + " exports (see target/exported-metrics.txt):\n" + bad.entrySet().stream()
                .map(e -> "  " + e.getKey().where() + ": " + e.getValue() + " in " + e.getKey().expr())
                .collect(Collectors.joining("\n")));
    }
}
