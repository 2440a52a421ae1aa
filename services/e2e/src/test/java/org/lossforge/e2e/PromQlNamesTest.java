package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PromQlNamesTest {

    @Test
    void histogramQuantileNamesOnlyTheBucketSeries() {
        assertEquals(Set.of("x_bucket"), PromQlNames.of("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))"));
    }

    @Test
    void labelMatchersRangesLabelListsStringsNumbersAndVariablesAreNotNames() {
        assertEquals(Set.of("lossforge_dead_letters_total"), PromQlNames.of(
                "sum without (instance, pod) (increase(lossforge_dead_letters_total{reason=~\"invalid|undecodable\","
                        + " service!='ranker'}[$__rate_interval])) > 0.5"));
        assertEquals(Set.of("a_total", "b_total"), PromQlNames.of(
                "sum by (service) (rate(a_total{job=\"x\"}[5m:1m] offset 1h)) / on (service) group_left (pod)"
                        + " sum by (service) (rate(b_total[${window}]))"));
        assertEquals(Set.of("jvm_memory_used_bytes"), PromQlNames.of("label_values(jvm_memory_used_bytes, service)"));
        assertEquals(Set.of(), PromQlNames.of("vector(0) * 2e3"));
    }

    @Test
    void theCheckerReportsAQueryThatNamesAnUnexportedMetric() {
        Set<String> exported = DashboardQueries.exportedNames("""
                # HELP x_seconds time
                # TYPE x_seconds histogram
                x_seconds_bucket{le="0.1",outcome="trained"} 3
                x_seconds_count{outcome="trained"} 3
                up 1
                """);
        assertEquals(Set.of("x_seconds_bucket", "x_seconds_count", "up"), exported);
        List<DashboardQueries.Query> queries = List.of(
                new DashboardQueries.Query("d.json: ok", "histogram_quantile(0.5, sum by (le) (rate(x_seconds_bucket[5m])))"),
                new DashboardQueries.Query("d.json: typo", "rate(x_second_count[5m]) + up"));
        Map<DashboardQueries.Query, Set<String>> bad = DashboardQueries.unknown(queries, exported);
        assertEquals(Map.of(queries.get(1), Set.of("x_second_count")), bad);
    }

    @Test
    void queriesAreFoundInPanelsRowsAndTemplating() throws Exception {
        var doc = new ObjectMapper().readTree("""
                {"panels": [{"title": "a", "targets": [{"expr": "rate(a_total[5m])"}]},
                            {"type": "row", "title": "r", "panels": [{"title": "b", "targets": [{"expr": "b"}]}]}],
                 "templating": {"list": [{"type": "datasource", "name": "datasource", "query": "prometheus"},
                                         {"type": "query", "name": "service",
                                          "query": {"query": "label_values(c_total, service)"}}]}}
                """);
        assertEquals(List.of(new DashboardQueries.Query("d.json: a", "rate(a_total[5m])"),
                        new DashboardQueries.Query("d.json: b", "b"),
                        new DashboardQueries.Query("d.json: variable service", "label_values(c_total, service)")),
                DashboardQueries.queries("d.json", doc));
    }
}
