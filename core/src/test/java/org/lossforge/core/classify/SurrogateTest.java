package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real trainings of a tiny network on 600 Fashion-MNIST images (a fraction of a second each). */
@ExtendWith(OneIntraOpThread.class)
class SurrogateTest {

    /** 500 training + 100 validation images, stem 4, widths 8/16, 2 convs per block, 6 passes of 20 batches of 25. */
    static SurrogateConfig tiny() {
        return new SurrogateConfig(
                new SurrogateConfig.Data(ImageData.FASHION_MNIST, 600, 10, 3, 0),
                new SurrogateConfig.Net(4, List.of(8, 16), 2, 0.25),
                new SurrogateConfig.Schedule(25, 6, 0, 1e-2, 5, 0),
                SurrogateConfig.Precheck.none(),
                null);
    }

    static Surrogate surrogate;

    @BeforeAll
    static void setUp() {
        surrogate = new Surrogate(tiny());
    }

    @Test
    void aTinyTrainingLearns() {
        SurrogateResult r = surrogate.evaluate(Baselines.crossEntropy().loss(), 1);
        assertTrue(r.ok(), r.toString());
        assertEquals(6, r.trainAccuracy().length);
        assertEquals(6, r.validAccuracy().length);
        assertEquals(120, r.steps());
        double lastTrain = r.trainAccuracy()[5];
        assertTrue(lastTrain > 0.45, "training accuracy " + lastTrain + " should clearly beat chance (0.1)");
        assertTrue(r.fitness() > 0.5, "validation accuracy " + r.fitness());
        assertEquals(r.validAccuracy()[r.bestEpoch()], r.fitness());
        assertTrue(Double.isNaN(r.testAtBestValid()), "no test evaluation asked for");
        assertEquals(500, surrogate.trainSet().size());
        assertEquals(100, surrogate.validSet().size());
    }

    @Test
    void baikalLearnsToo() {
        SurrogateResult r = surrogate.evaluate(Baselines.baikal().loss(), 1);
        assertTrue(r.ok(), r.toString());
        assertTrue(r.fitness() > 0.4, r.toString());
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherNumbers() {
        SurrogateResult a = surrogate.evaluate(Baselines.crossEntropy().loss(), 7, true);
        SurrogateResult b = surrogate.evaluate(Baselines.crossEntropy().loss(), 7, true);
        SurrogateResult c = surrogate.evaluate(Baselines.crossEntropy().loss(), 8, true);
        assertEquals(a, b);
        assertArrayEquals(a.trainAccuracy(), b.trainAccuracy());
        assertArrayEquals(a.testAccuracy(), b.testAccuracy());
        assertEquals(a.fitness(), b.fitness());
        assertNotEquals(a, c);
        assertEquals(6, a.testAccuracy().length);
        assertEquals(a.testAccuracy()[a.bestEpoch()], a.testAtBestValid());
    }

    @Test
    void aNanLossFailsTheCandidateWithAReasonAndTheNextOneStillTrains() {
        ClassificationLoss nan = (yhat, y) -> {
            NDArray zero = Baselines.scalar(yhat, 0);
            return Baselines.crossEntropy(yhat, y).mul(zero.div(zero)); // × 0/0
        };
        SurrogateResult bad = surrogate.evaluate(nan, 1);
        assertEquals(SurrogateResult.Status.DIVERGED, bad.status());
        assertTrue(bad.reason().contains("loss is NaN at epoch 0, step 0"), bad.reason());
        assertTrue(Double.isNaN(bad.fitness()));
        assertEquals(Double.NEGATIVE_INFINITY, bad.rankingScore());
        SurrogateResult next = surrogate.evaluate(Baselines.crossEntropy().loss(), 1);
        assertTrue(next.ok(), next.toString());
        assertEquals(surrogate.evaluate(Baselines.crossEntropy().loss(), 1), next, "a failure leaves nothing behind");
    }

    @Test
    void aLossThatOverflowsLaterDivergesWithTheEpoch() {
        // exp(exp(12·mean ŷ_true)) is finite while ŷ is near uniform (e^e^1.2) and overflows in float32 once the mean
        // true-class probability passes 0.374 (e^(12·0.374) > 88.7)
        ClassificationLoss blowUp = (yhat, y) -> {
            NDArray k = Baselines.scalar(yhat, 12);
            return Baselines.crossEntropy(yhat, y).add(yhat.mul(y).sum(new int[] {1}).mean().mul(k).exp().exp()
                    .mul(Baselines.scalar(yhat, 1e-30)));
        };
        SurrogateResult r = surrogate.evaluate(blowUp, 1);
        assertEquals(SurrogateResult.Status.DIVERGED, r.status(), r.toString());
        assertTrue(r.reason().matches("loss is (Infinity|NaN) at epoch [1-5], step \\d+"), r.reason());
        assertTrue(r.trainAccuracy().length >= 1, "the epochs before the overflow are kept");
    }

    @Test
    void aThrowingOrMisshapedLossIsAnErrorNotACrash() {
        SurrogateResult thrown = surrogate.evaluate((yhat, y) -> {
            throw new IllegalStateException("no such operator\nsecond line");
        }, 1);
        assertEquals(SurrogateResult.Status.ERROR, thrown.status());
        assertEquals("the loss or the engine threw IllegalStateException: no such operator", thrown.reason());
        SurrogateResult vector = surrogate.evaluate((yhat, y) -> yhat.mul(y).sum(new int[] {1}), 1);
        assertEquals(SurrogateResult.Status.ERROR, vector.status());
        assertTrue(vector.reason().startsWith("the loss must return a scalar, got shape (25)"), vector.reason());
        SurrogateResult shapes = surrogate.evaluate((yhat, y) -> yhat.matMul(y), 1); // (25,10)·(25,10): engine error
        assertEquals(SurrogateResult.Status.ERROR, shapes.status());
    }

    @Test
    void thePrecheckRejectsALossThatCannotLearn() {
        // constant loss: zero gradient everywhere, so the network never leaves chance
        ClassificationLoss flat = (yhat, y) -> yhat.sub(yhat).sum();
        Surrogate s = new Surrogate(tiny().withPrecheck(new SurrogateConfig.Precheck(2, 0.3, null)));
        SurrogateResult r = s.evaluate(flat, 1);
        assertEquals(SurrogateResult.Status.PRECHECK_FAILED, r.status());
        assertTrue(r.reason().endsWith("< 0.300 after 2 epochs"), r.reason());
        assertEquals(2, r.trainAccuracy().length);
        assertEquals(40, r.steps(), "stopped after the prefix");
        assertTrue(s.evaluate(Baselines.crossEntropy().loss(), 1).ok());
        // the authors' form: a separate short run first
        Surrogate sep = new Surrogate(tiny().withPrecheck(new SurrogateConfig.Precheck(2, 0.3,
                new SurrogateConfig.Schedule(25, 2, 20, 1e-2, 5, 100))));
        SurrogateResult r2 = sep.evaluate(flat, 1);
        assertEquals(SurrogateResult.Status.PRECHECK_FAILED, r2.status());
        assertTrue(r2.reason().startsWith("precheck run: training accuracy"), r2.reason());
        SurrogateResult ok = sep.evaluate(Baselines.crossEntropy().loss(), 1);
        assertTrue(ok.ok(), ok.toString());
        assertEquals(120, ok.steps(), "the main run's steps");
    }

    @Test
    void theEarlyAbortKeepsTheScoreSoFar() {
        Surrogate s = new Surrogate(tiny().withAbort(new SurrogateConfig.EarlyAbort(1, 0.99)));
        SurrogateResult r = s.evaluate(Baselines.crossEntropy().loss(), 1);
        assertTrue(r.ok());
        assertTrue(r.aborted());
        assertEquals(2, r.validAccuracy().length);
        assertFalse(Double.isNaN(r.fitness()));
    }

    @Test
    void resizingToALargerImageTrains() {
        Surrogate s = new Surrogate(tiny().withData(new SurrogateConfig.Data(ImageData.FASHION_MNIST, 600, 10, 3, 40))
                .withSchedule(new SurrogateConfig.Schedule(25, 3, 0, 1e-2, 5, 0)));
        SurrogateResult r = s.evaluate(Baselines.crossEntropy().loss(), 1);
        assertTrue(r.ok() && r.fitness() > 0.3, r.toString());
    }

    @Test
    void successiveHalvingOnTheSurrogateDropsALossThatCannotLearn() {
        NamedLoss flat = new NamedLoss("flat", "yhat - yhat", (yhat, y) -> yhat.sub(yhat).sum());
        SuccessiveHalving.Outcome o = SuccessiveHalving.run(List.of(flat, Baselines.crossEntropy(), Baselines.baikal()),
                new SuccessiveHalving.Settings(1, 0.5, 1), SuccessiveHalving.surrogateScorer(tiny(), 5));
        assertEquals(List.of(1, 2), o.rounds().stream().map(SuccessiveHalving.Round::epochs).toList());
        assertEquals(2, o.rounds().get(0).kept());
        assertEquals("flat", o.rounds().get(0).ranked().get(2).loss().name());
        assertEquals(1, o.finalists().size());
        assertEquals(20, o.rounds().get(0).ranked().get(0).result().steps());
        assertEquals(40, o.rounds().get(1).ranked().get(0).result().steps());
    }

    @Test
    void theLossCellPlugsInDirectly() {
        // Baikal as a cell computes the same primitives in the same order as the baseline: the same training, bit for bit
        org.lossforge.core.nlfs.NlfsLoss baikalCell = org.lossforge.core.nlfs.NlfsLoss.of(Baselines.BAIKAL_EXPRESSION);
        SurrogateResult cell = surrogate.evaluate(baikalCell::evaluate, 4);
        SurrogateResult base = surrogate.evaluate(Baselines.baikal().loss(), 4);
        assertTrue(cell.ok(), cell.toString());
        assertEquals(base, cell);
        // cross-entropy as a cell has ε inside the log instead of Keras' clip: trains as well, not identically
        org.lossforge.core.nlfs.NlfsLoss ceCell = org.lossforge.core.nlfs.NlfsLoss.of(Baselines.CE_EXPRESSION);
        SurrogateResult ce = surrogate.evaluate(ceCell::evaluate, 4);
        assertTrue(ce.ok() && ce.fitness() > 0.5, ce.toString());
    }
}
