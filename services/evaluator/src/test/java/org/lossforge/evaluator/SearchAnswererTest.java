package org.lossforge.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.services.common.InvalidRecordException;

class SearchAnswererTest {

    private static final Benchmark NB201 = Benchmarks.get("nb201");
    private final SearchAnswerer answerer = new SearchAnswerer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static ArchQuery query(List<Integer> previous, List<Integer> queries) {
        return ArchQuery.newBuilder().setRunId("cmp-cifar10-pw-2").setSearchId("cmp").setRunIndex(2).setSeed(99)
                .setMethod("pw").setBenchmark("nb201").setDataset("cifar10").setTrainMetric("valid")
                .setEvalMetric("test").setRound(1).setPrevious(previous).setQueries(queries)
                .setRequestedAt(Instant.EPOCH).build();
    }

    /** The index of the architecture with the highest value of a column (the first on ties). */
    private static int argmax(String metric) {
        double[] v = NB201.truthColumn("cifar10", metric);
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void answersTheTrainMetricAndReportsTheErrorOfTheBestByValidationArchitecture() {
        int bestVal = argmax("valid");
        int bestTest = argmax("test");
        SearchAnswerer.Answer a = answerer.answer(query(List.of(0, 1), List.of(bestVal, 2)));
        assertEquals(List.of(bestVal, 2), a.result().getQueries());
        assertEquals(NB201.truth(bestVal, "cifar10", "valid"), a.result().getValues().get(0), 0.0);
        assertEquals("cmp-cifar10-pw-2/1", SearchAnswerer.resultKey(a.result()));
        // the progress: 4 queries so far, the best by validation is bestVal, reported by its test accuracy
        assertEquals(4, a.progress().getTrainSize());
        assertEquals("pw", a.progress().getLoss());
        assertEquals("cmp", a.progress().getStudyId());
        assertEquals(2, a.progress().getSeedIndex());
        assertEquals(EvaluationStatus.OK, a.progress().getStatus());
        assertEquals(100.0 - NB201.truth(bestVal, "cifar10", "test"), a.progress().getBestTestError(), 1e-12);
        assertTrue(Double.isNaN(a.progress().getKendallTauB()));
        assertNull(a.progress().getError());
        // the best test architecture is not the best by validation: selecting by validation costs something
        assertTrue(bestVal != bestTest);
        assertEquals(5.63, 100.0 - NB201.truth(bestTest, "cifar10", "test"), 0.005);
    }

    @Test
    void repeatedOrOutOfRangeArchitecturesAndUnknownMetricsAreRefused() {
        assertEquals("INVALID_QUERY", assertThrows(InvalidRecordException.class,
                () -> answerer.answer(query(List.of(5), List.of(5)))).code());
        assertEquals("INVALID_QUERY", assertThrows(InvalidRecordException.class,
                () -> answerer.answer(query(List.of(), List.of(15_625)))).code());
        assertEquals("INVALID_QUERY", assertThrows(InvalidRecordException.class,
                () -> answerer.answer(query(List.of(1), List.of()))).code());
        ArchQuery badMetric = ArchQuery.newBuilder(query(List.of(), List.of(1))).setTrainMetric("accuracy").build();
        assertEquals("UNKNOWN_METRIC", assertThrows(InvalidRecordException.class, () -> answerer.answer(badMetric)).code());
        ArchQuery badBench = ArchQuery.newBuilder(query(List.of(), List.of(1))).setBenchmark("nb999").build();
        assertEquals("UNKNOWN_BENCHMARK", assertThrows(InvalidRecordException.class, () -> answerer.answer(badBench)).code());
    }
}
