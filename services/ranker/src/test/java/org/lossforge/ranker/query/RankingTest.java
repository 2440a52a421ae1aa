package org.lossforge.ranker.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.ranker.Fixtures.T0;
import static org.lossforge.ranker.Fixtures.failed;
import static org.lossforge.ranker.Fixtures.ok;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lossforge.ranker.aggregate.ConfigAggregate;
import org.lossforge.ranker.aggregate.LeaderboardEntries;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.LeaderboardEntry;

class RankingTest {

    static LeaderboardEntry entry(Evaluation... evs) {
        ConfigAggregate a = new ConfigAggregate();
        for (Evaluation e : evs) {
            a.apply(e);
        }
        return LeaderboardEntries.of(a);
    }

    static LeaderboardEntry entry(String benchmark, String dataset, int size, String loss, double... taus) {
        List<Evaluation> evs = new ArrayList<>();
        for (int i = 0; i < taus.length; i++) {
            evs.add(ok("s1", benchmark, dataset, size, loss, i, taus[i], T0));
        }
        return entry(evs.toArray(Evaluation[]::new));
    }

    @Test
    void metricNamesAndTheirDefaultOrder() {
        assertEquals(Metric.DEFAULT, Metric.parse(null));
        assertEquals(Metric.DEFAULT, Metric.parse(" "));
        assertEquals("kendallTauB", Metric.parse("kendall_tau_b").name());
        assertEquals("kendallTauB", Metric.parse("tau").name());
        assertEquals("kendallTauB", Metric.parse("KendallTauB").name());
        assertEquals("regret10", Metric.parse("REGRET_10").name());
        assertEquals("p05", Metric.parse("p05").name());
        assertEquals(SortOrder.DESC, Metric.parse("tau").defaultOrder());
        assertEquals(SortOrder.DESC, Metric.parse("spearman").defaultOrder());
        assertEquals(SortOrder.DESC, Metric.parse("p10").defaultOrder());
        for (String lower : new String[] {"n1", "n5", "n10", "regret10"}) {
            assertTrue(Metric.parse(lower).lowerIsBetter(), lower);
            assertEquals(SortOrder.ASC, Metric.parse(lower).defaultOrder(), lower);
        }
        assertEquals("fitness", Metric.parse("fitness").name());
        assertEquals(SortOrder.DESC, Metric.parse("Fitness").defaultOrder(), "best validation accuracy: higher is better");
        assertEquals("trainSeconds", Metric.parse("train_seconds").name());
        assertEquals(SortOrder.ASC, Metric.parse("trainSeconds").defaultOrder());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("accuracy"));
        assertTrue(e.getMessage().contains("kendallTauB"), e.getMessage());
        assertEquals(SortOrder.ASC, SortOrder.parse("ASC", SortOrder.DESC));
        assertEquals(SortOrder.DESC, SortOrder.parse(null, SortOrder.DESC));
        assertThrows(IllegalArgumentException.class, () -> SortOrder.parse("up", SortOrder.DESC));
    }

    @Test
    void ranksByMeanWithinEachSetting() {
        List<LeaderboardEntry> entries = List.of(
                entry("nb101", "cifar10", 100, "hr", 0.5, 0.7),      // mean 0.6
                entry("nb101", "cifar10", 100, "pw", 0.7, 0.9),      // mean 0.8
                entry("nb101", "cifar10", 100, "mse", 0.2, 0.4),     // mean 0.3
                entry("nb101", "cifar10", 50, "hr", 0.1),            // another setting
                entry("nb201", "cifar100", 100, "hr", 0.4));
        List<Ranking.Group> groups = Ranking.rank(entries, RankQuery.of(Metric.parse("tau")));
        assertEquals(3, groups.size());
        assertEquals(List.of(50, 100, 100), groups.stream().map(Ranking.Group::trainSize).toList());
        Ranking.Group main = groups.get(1);
        assertEquals("nb101", main.benchmark());
        assertEquals(List.of("pw", "hr", "mse"), main.entries().stream().map(Ranking.Row::loss).toList());
        assertEquals(List.of(1, 2, 3), main.entries().stream().map(Ranking.Row::rank).toList());
        Ranking.Row best = main.entries().get(0);
        assertEquals(0.8, best.mean(), 1e-12);
        assertEquals(2, best.count());
        assertEquals(Math.sqrt(0.02), best.std(), 1e-12);
        assertEquals(0.7, best.min(), 1e-12);
        assertTrue(best.ci95Low() < 0.8 && best.ci95High() > 0.8);

        // regret10 = 1 - tau: lower is better, so the same order under the default (asc)
        List<Ranking.Group> byRegret = Ranking.rank(entries, RankQuery.of(Metric.parse("regret10")));
        assertEquals(List.of("pw", "hr", "mse"), byRegret.get(1).entries().stream().map(Ranking.Row::loss).toList());
        // explicit order wins over the default
        List<Ranking.Group> asc = Ranking.rank(entries, new RankQuery(Metric.parse("tau"), SortOrder.ASC, null, null, null, true));
        assertEquals(List.of("mse", "hr", "pw"), asc.get(1).entries().stream().map(Ranking.Row::loss).toList());
    }

    @Test
    void filtersAndUngroupedRanking() {
        List<LeaderboardEntry> entries = List.of(
                entry("nb101", "cifar10", 100, "hr", 0.6),
                entry("nb101", "cifar10", 50, "pw", 0.9),
                entry("nb201", "cifar100", 100, "mse", 0.7));
        List<Ranking.Group> flat = Ranking.rank(entries, new RankQuery(Metric.DEFAULT, null, null, null, null, false));
        assertEquals(1, flat.size());
        assertNull(flat.get(0).benchmark());
        assertEquals(List.of("pw", "mse", "hr"), flat.get(0).entries().stream().map(Ranking.Row::loss).toList());

        List<Ranking.Group> nb101 = Ranking.rank(entries, new RankQuery(Metric.DEFAULT, null, "nb101", null, null, false));
        assertEquals(List.of("pw", "hr"), nb101.get(0).entries().stream().map(Ranking.Row::loss).toList());
        List<Ranking.Group> size100 = Ranking.rank(entries, new RankQuery(Metric.DEFAULT, null, null, null, 100, true));
        assertEquals(2, size100.size());
        List<Ranking.Group> c100 = Ranking.rank(entries, new RankQuery(Metric.DEFAULT, null, null, "cifar100", null, true));
        assertEquals("mse", c100.get(0).entries().get(0).loss());
        assertTrue(Ranking.rank(entries, new RankQuery(Metric.DEFAULT, null, "nope", null, null, true)).isEmpty());
    }

    @Test
    void tiesShareARankAndEntriesWithoutAMeanComeLast() {
        LeaderboardEntry allFailed = entry(failed("s1", "zz", 0));
        List<LeaderboardEntry> entries = List.of(
                allFailed,
                entry("nb101", "cifar10", 100, "b", 0.5),
                entry("nb101", "cifar10", 100, "a", 0.5),
                entry("nb101", "cifar10", 100, "c", 0.2));
        for (SortOrder order : SortOrder.values()) {
            List<Ranking.Row> rows = Ranking.rank(entries, new RankQuery(Metric.DEFAULT, order, null, null, null, true))
                    .get(0).entries();
            assertEquals("zz", rows.get(3).loss(), "no mean: last in " + order);
            assertNull(rows.get(3).mean());
            assertEquals(0, rows.get(3).count());
            assertEquals(1, rows.get(3).failed());
            assertEquals(4, rows.get(3).rank());
        }
        List<Ranking.Row> desc = Ranking.rank(entries, RankQuery.of(Metric.DEFAULT)).get(0).entries();
        assertEquals(List.of("a", "b", "c", "zz"), desc.stream().map(Ranking.Row::loss).toList(), "ties by loss text");
        assertEquals(List.of(1, 1, 3, 4), desc.stream().map(Ranking.Row::rank).toList());
        assertFalse(desc.get(0).updatedAt().isEmpty());
    }
}
