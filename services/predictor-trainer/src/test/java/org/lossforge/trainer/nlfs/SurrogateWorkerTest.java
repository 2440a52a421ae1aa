package org.lossforge.trainer.nlfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lossforge.core.classify.EngineThreads;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.core.classify.Surrogate;
import org.lossforge.core.classify.SurrogateConfig;
import org.lossforge.core.classify.SurrogateResult;
import org.lossforge.services.common.InvalidRecordException;

/** Real (tiny) surrogate trainings: core's numbers, the cache, settings core cannot build, the thread count. */
class SurrogateWorkerTest {

    static SurrogateConfig tiny(String trainImages) {
        Map<String, String> s = new HashMap<>(NlfsJobs.TINY);
        s.put("train_images", trainImages);
        return NlfsRunConfig.fromMap(s, 0).surrogate();
    }

    @Test
    void trainsAsCoreTrainsWithOneThreadAndRestoresTheThreadCount() {
        SurrogateWorker worker = new SurrogateWorker(1);
        SurrogateInputs in = new SurrogateJobs().inputs(NlfsJobs.expression("w1", "c1", NlfsJobs.CE).build());
        int before = EngineThreads.get();
        try {
            EngineThreads.set(2);
            SurrogateResult r = worker.train(in);
            assertEquals(2, EngineThreads.get(), "the caller's thread count is restored");
            assertTrue(r.ok(), r.toString());
            EngineThreads.set(1);
            SurrogateResult core = new Surrogate(in.config().surrogate()).evaluate(in.loss().loss(), NlfsJobs.SEED);
            assertEquals(core.fitness(), r.fitness());
            assertEquals(core, r);
        } finally {
            EngineThreads.set(before);
        }
    }

    @Test
    void oneSurrogatePerConfigurationAtMostFour() {
        SurrogateWorker worker = new SurrogateWorker(1);
        Surrogate a = worker.surrogate(tiny("1000"));
        assertSame(a, worker.surrogate(tiny("1000")), "equal settings, one surrogate");
        for (String n : new String[] {"600", "700", "800", "900"}) {
            assertNotSame(a, worker.surrogate(tiny(n)));
        }
        assertEquals(SurrogateWorker.CACHE_SIZE, worker.cached());
        assertNotSame(a, worker.surrogate(tiny("1000")), "the least recently used was evicted");
    }

    @Test
    void settingsCoreCannotBuildAreBadSettings() {
        // core's config reader accepts 7,000, but the stored Fashion-MNIST subset has 6,000 training images
        InvalidRecordException x = assertThrows(InvalidRecordException.class,
                () -> new SurrogateWorker(1).surrogate(tiny("7000")));
        assertEquals("BAD_NLFS_SETTINGS", x.code());
        assertTrue(x.getMessage().contains("cannot take 7000 of 6000 images"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SurrogateWorker(0));
    }
}
