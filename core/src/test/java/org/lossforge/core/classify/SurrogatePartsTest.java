package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SurrogatePartsTest {

    @Test
    void warmupThenCosinePlusTheAuthorsConstant() {
        Surrogate.WarmupCosine s = new Surrogate.WarmupCosine(1e-3, 10, 110);
        assertEquals(1e-7, s.at(0), 1e-15);
        assertEquals(5e-4 + 1e-7, s.at(5), 1e-15);
        assertEquals(1e-3 + 1e-7, s.at(10), 1e-15);
        assertEquals(5e-4 + 1e-7, s.at(60), 1e-15);
        assertEquals(1e-7, s.at(110), 1e-15);
        assertEquals(1e-7, s.at(500), 1e-15);
        assertEquals((float) s.at(0), s.getNewValue(1), "DJL counts updates from 1");
    }

    @Test
    void bilinearMatricesUseHalfPixelCentres() {
        // 2 → 4, as tf.image.resize(bilinear): rows (1, 0), (¾, ¼), (¼, ¾), (0, 1)
        assertArrayEquals(new float[] {1, 0, 0.75f, 0.25f, 0.25f, 0.75f, 0, 1}, Surrogate.Resizer.matrix(2, 4));
        // same size: identity
        float[] id = Surrogate.Resizer.matrix(3, 3);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, id);
        // every row sums to 1 (32 → 80)
        float[] m = Surrogate.Resizer.matrix(32, 80);
        for (int o = 0; o < 80; o++) {
            float sum = 0;
            for (int i = 0; i < 32; i++) {
                sum += m[o * 32 + i];
            }
            assertEquals(1f, sum, 1e-6f);
        }
    }

    @Test
    void resizingABatchKeepsConstantsAndShapes() {
        try (NDManager nd = NDManager.newBaseManager()) {
            Surrogate.Resizer r = new Surrogate.Resizer(nd, 2, 2, 4);
            NDArray x = nd.create(new float[] {0, 1, 2, 3, 5, 5, 5, 5}, new Shape(2, 1, 2, 2));
            NDArray y;
            try (NDManager step = nd.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(step);
                NDArray ys = r.apply(xs);
                // owned by the step, not by the run that owns the matrices (that leaked a batch per step at 80×80)
                assertSame(step, ys.getManager());
                y = ys.duplicate();
                y.attach(nd);
            }
            assertEquals(new Shape(2, 1, 4, 4), y.getShape());
            float[] v = y.toFloatArray();
            // first image: corners keep their values, the centre 2×2 interpolates
            assertEquals(0f, v[0]);
            assertEquals(3f, v[15]);
            assertEquals(0.75f * 0.75f * 0 + 0.75f * 0.25f * 1 + 0.25f * 0.75f * 2 + 0.25f * 0.25f * 3, v[5], 1e-6f);
            for (int i = 16; i < 32; i++) {
                assertEquals(5f, v[i], 1e-6f);
            }
        }
    }

    @Test
    void configsAreCheckedAndPresetsAreConsistent() {
        SurrogateConfig cpu = SurrogateConfig.cpuDefault();
        assertEquals(10, cpu.schedule().epochs());
        assertEquals(4, cpu.withEpochs(4).schedule().epochs());
        assertEquals(2, cpu.withEpochs(2).precheck().epochs(), "a prefix precheck is shortened to the run");
        SurrogateConfig paper = SurrogateConfig.paperScale();
        assertEquals(80, paper.data().imageSize());
        assertEquals(8000, paper.schedule().scheduleSteps());
        assertEquals(0.35, paper.precheck().minTrainAccuracy());
        assertEquals(128, paper.precheck().separateRun().batchSize());
        assertEquals(8, paper.withEpochs(4).precheck().epochs(), "a separate precheck run keeps its length");
        assertEquals(0.35, SurrogateConfig.paperStandard().abort().minTrainAccuracy());
        assertThrows(IllegalArgumentException.class, () -> new SurrogateConfig.Data("mnist", 0, 10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SurrogateConfig.Net(8, java.util.List.of(), 3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new SurrogateConfig.Net(8, java.util.List.of(16), 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new SurrogateConfig.Schedule(64, 10, 100, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> cpu.withPrecheck(new SurrogateConfig.Precheck(11, 0.2, null)));
        assertThrows(IllegalArgumentException.class, () -> EngineThreads.set(0));
    }
}
