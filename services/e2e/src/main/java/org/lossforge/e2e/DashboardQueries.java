package org.lossforge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks Grafana dashboards against the metrics the services export: every PromQL {@code expr} of every panel target
 * (rows' nested panels included) and every templating query of a dashboard JSON must name only metrics in the
 * exported set ({@link PromQlNames} finds the names; {@link #exportedNames(String)} reads them from a Prometheus text
 * scrape of {@code /q/metrics}).
 */
public final class DashboardQueries {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query of a dashboard: where it is ({@code file: panel title}) and its PromQL. */
    public record Query(String where, String expr) {
    }

    private DashboardQueries() {
    }

    /** Every sample name of a Prometheus text exposition ({@code x_bucket}, {@code x_count}, {@code x_total} as written). */
    public static Set<String> exportedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < l.length() && l.charAt(end) != '{' && !Character.isWhitespace(l.charAt(end))) {
                end++;
            }
            names.add(l.substring(0, end));
        }
        return names;
    }

    /** The queries of every {@code *.json} dashboard in {@code dir}, in file order. */
    public static List<Query> queries(Path dir) {
        List<Query> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.addAll(queries(f.getFileName().toString(), JSON.readTree(f.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboards in " + dir, e);
        }
        return out;
    }

    /** The queries of one dashboard document. */
    public static List<Query> queries(String file, JsonNode dashboard) {
        List<Query> out = new ArrayList<>();
        panels(file, dashboard.path("panels"), out);
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (!"query".equals(v.path("type").asText())) {
                continue;
            }
            JsonNode q = v.path("query");
            String expr = q.isTextual() ? q.asText() : q.path("query").asText("");
            if (!expr.isBlank()) {
                out.add(new Query(file + ": variable " + v.path("name").asText(), expr));
            }
        }
        return out;
    }

    private static void panels(String file, JsonNode panels, List<Query> out) {
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                String expr = t.path("expr").asText("");
                if (!expr.isBlank()) {
                    out.add(new Query(file + ": " + p.path("title").asText("(untitled)"), expr));
                }
            }
            panels(file, p.path("panels"), out);
        }
    }

    /** Each query naming a metric not in {@code exported}, with those names; empty when every query is fine. */
    public static Map<Query, Set<String>> unknown(List<Query> queries, Set<String> exported) {
        Map<Query, Set<String>> bad = new LinkedHashMap<>();
        for (Query q : queries) {
            Set<String> missing = new TreeSet<>(PromQlNames.of(q.expr()));
            missing.removeAll(exported);
            if (!missing.isEmpty()) {
                bad.put(q, missing);
            }
        }
        return bad;
    }
}
