package org.lossforge.core.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** MLP baseline on the flattened encoding (adjacency ‖ node one-hots): {@code layers} × (Linear + ReLU) → Linear → 1. */
final class MlpNet extends BatchedNet {

    MlpNet(SpaceTensors space, PredictorConfig cfg) {
        super(space, cfg);
    }

    @Override
    List<NDArray> init(NDManager m, SplittableRandom[] init) {
        List<NDArray> w = new ArrayList<>();
        int in = space.flatWidth();
        for (int l = 0; l < cfg.layers(); l++) {
            w.add(linear(m, init, in, cfg.hidden()));
            w.add(bias(m, init, in, cfg.hidden()));
            in = cfg.hidden();
        }
        w.add(linear(m, init, in, 1));
        w.add(bias(m, init, in, 1));
        return w;
    }

    @Override
    NDList inputs(NDManager m, int[][] idx) {
        return new NDList(gather(m, space.flat, space.flatWidth(), idx, new Shape(space.flatWidth())));
    }

    @Override
    NDArray forward(NDList in, List<NDArray> w, int seeds, int batch, Dropout drop) {
        NDArray h = in.get(0); // (S', B, W)
        for (int l = 0; l < cfg.layers(); l++) {
            h = Activation.relu(h.matMul(w.get(2 * l)).add(w.get(2 * l + 1)));
            if (drop != null && cfg.dropout() > 0) {
                h = h.mul(drop.mask(h.getManager(), new Shape(batch, cfg.hidden())));
            }
        }
        int l = cfg.layers();
        return h.matMul(w.get(2 * l)).add(w.get(2 * l + 1)).reshape(seeds, batch);
    }
}
