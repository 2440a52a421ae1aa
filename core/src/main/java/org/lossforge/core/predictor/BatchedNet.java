package org.lossforge.core.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A network whose weights are stacked over S independent seeds: every weight has shape {@code (S, in, out)}
 * and the forward pass uses batched matrix products, so S models train as one program. Row s of every
 * weight is initialised from seed s's own random stream, which makes row s identical to a fit with S = 1.
 *
 * <p>Scalars under autograd: never call DJL's {@code op(Number)} overloads ({@code mul(0.5f)},
 * {@code maximum(0f)}) on a value that carries a gradient. They create a scalar array from a Java direct
 * buffer and close it right after the op while autograd still references it for the backward pass; once the
 * garbage collector frees that buffer, backward reads reused memory (wrong gradients, sporadic NaN, results
 * that differ between runs). Use {@code Activation.relu} and scalars created in the step's manager instead.
 */
abstract class BatchedNet {
    final SpaceTensors space;
    final PredictorConfig cfg;

    BatchedNet(SpaceTensors space, PredictorConfig cfg) {
        this.space = space;
        this.cfg = cfg;
    }

    static BatchedNet of(SpaceTensors space, PredictorConfig cfg) {
        return cfg.model().equals("gcn") ? new GcnNet(space, cfg) : new MlpNet(space, cfg);
    }

    /** Creates the stacked weights; {@code init[s]} is seed s's initialisation stream. */
    abstract List<NDArray> init(NDManager m, SplittableRandom[] init);

    /** Input tensors of a batch: {@code idx} is S' × B architecture indices (S' = S when training, 1 when predicting). */
    abstract NDList inputs(NDManager m, int[][] idx);

    /** Scores of shape (S, B). {@code drop} is null when predicting. */
    abstract NDArray forward(NDList in, List<NDArray> w, int seeds, int batch, Dropout drop);

    /** Source of dropout masks, one random stream per seed. */
    interface Dropout {
        /** A mask of shape (S, rowShape…) with entries 0 or 1/(1−p). */
        NDArray mask(NDManager m, Shape rowShape);
    }

    /** Xavier-uniform (S, in, out) weight, each row from its seed's stream. */
    static NDArray xavier(NDManager m, SplittableRandom[] init, int in, int out) {
        return uniform(m, init, in, out, Math.sqrt(6.0 / (in + out)));
    }

    /** PyTorch Linear's default: U(−1/√in, 1/√in). */
    static NDArray linear(NDManager m, SplittableRandom[] init, int in, int out) {
        return uniform(m, init, in, out, 1.0 / Math.sqrt(in));
    }

    static NDArray uniform(NDManager m, SplittableRandom[] init, int in, int out, double bound) {
        int s = init.length;
        float[] w = new float[s * in * out];
        for (int r = 0; r < s; r++) {
            for (int k = 0; k < in * out; k++) {
                w[r * in * out + k] = (float) ((init[r].nextDouble() * 2 - 1) * bound);
            }
        }
        return m.create(w, new Shape(s, in, out));
    }

    static NDArray bias(NDManager m, SplittableRandom[] init, int in, int out) {
        NDArray b = uniform(m, init, 1, out, 1.0 / Math.sqrt(in));
        return b;
    }

    /** Gathers rows of a flat per-architecture float table into one array of shape (S', B, row…). */
    static NDArray gather(NDManager m, float[] table, int rowLen, int[][] idx, Shape rowShape) {
        int sp = idx.length, b = idx[0].length;
        float[] out = new float[sp * b * rowLen];
        for (int s = 0; s < sp; s++) {
            for (int k = 0; k < b; k++) {
                System.arraycopy(table, idx[s][k] * rowLen, out, (s * b + k) * rowLen, rowLen);
            }
        }
        List<Long> dims = new ArrayList<>(List.of((long) sp, (long) b));
        for (long d : rowShape.getShape()) {
            dims.add(d);
        }
        return m.create(out, new Shape(dims.stream().mapToLong(Long::longValue).toArray()));
    }
}
