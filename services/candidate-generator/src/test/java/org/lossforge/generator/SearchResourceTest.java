package org.lossforge.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lossforge.core.search.SearchSeeds;
import org.lossforge.schemas.SearchRequested;

/** POST /searches planning: one run per (dataset, method, k), paired seeds, settings checked by core. */
class SearchResourceTest {

    @Test
    void plansOneRunPerDatasetMethodAndSeedWithPairedSeeds() {
        List<SearchRequested> runs = SearchResource.plan(new SearchResource.SearchRequest("cmp", "nb201",
                List.of("cifar10", "cifar100"), List.of("random", "pw"), 3, 7L, Map.of("budget", "50"), "ana"));
        assertEquals(2 * 2 * 3, runs.size());
        SearchRequested first = runs.get(0);
        assertEquals("cmp-cifar10-random-0", first.getRunId());
        assertEquals("cmp", first.getSearchId());
        assertEquals(Map.of("benchmark", "nb201", "dataset", "cifar10", "method", "random", "budget", "50"),
                first.getSettings());
        // run k of every method on a dataset has the same seed: the comparison is paired
        SearchRequested pw2 = runs.stream().filter(r -> r.getRunId().equals("cmp-cifar10-pw-2")).findFirst().orElseThrow();
        SearchRequested random2 = runs.stream().filter(r -> r.getRunId().equals("cmp-cifar10-random-2")).findFirst().orElseThrow();
        assertEquals(random2.getSeed(), pw2.getSeed());
        assertEquals(SearchSeeds.run(7L, "nb201", "cifar10", 2), pw2.getSeed());
        assertEquals(2, pw2.getRunIndex());
    }

    @Test
    void refusesUnknownBenchmarksDatasetsMethodsAndSettingsWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchResource.plan(new SearchResource.SearchRequest(
                "s", "nb999", List.of("cifar10"), List.of("hr"), 1, 0L, Map.of(), null))).getMessage()
                .startsWith("UNKNOWN_BENCHMARK"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchResource.plan(new SearchResource.SearchRequest(
                "s", "nb201", List.of("mnist"), List.of("hr"), 1, 0L, Map.of(), null))).getMessage()
                .startsWith("UNKNOWN_DATASET"));
        assertThrows(IllegalArgumentException.class, () -> SearchResource.plan(new SearchResource.SearchRequest(
                "s", "nb201", List.of("cifar10"), List.of("bayesopt"), 1, 0L, Map.of(), null)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchResource.plan(new SearchResource.SearchRequest(
                "s", "nb201", List.of("cifar10"), List.of("hr"), 1, 0L, Map.of("budjet", "5"), null))).getMessage()
                .contains("budjet"));
        assertThrows(IllegalArgumentException.class, () -> SearchResource.plan(new SearchResource.SearchRequest(
                "s", "nb201", List.of("cifar10"), List.of("hr"), 0, 0L, Map.of(), null)));
        // nulls from a JSON body are refused here, not met as a NullPointerException when the runs are published
        java.util.Map<String, String> nullSetting = new java.util.HashMap<>();
        nullSetting.put("budget", null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchResource.plan(new SearchResource.SearchRequest(
                "s", "nb201", List.of("cifar10"), List.of("hr"), 1, 0L, nullSetting, null))).getMessage()
                .startsWith("INVALID_SEARCH: datasets, methods and settings may not contain null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchResource.plan(new SearchResource.SearchRequest(
                "s", "nb201", java.util.Arrays.asList("cifar10", null), List.of("hr"), 1, 0L, Map.of(), null))).getMessage()
                .startsWith("INVALID_SEARCH"));
    }
}
