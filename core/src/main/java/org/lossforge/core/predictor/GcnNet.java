package org.lossforge.core.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Neural-predictor GCN (Wen et al. 2020; NASLib {@code gcn.py}): each layer is
 * {@code H' = ½·(ReLU(Â H W₁) + ReLU(Ãᵀ H W₂))} with Â = rownorm(A + I) and Ã = rownorm(Aᵀ + I), then
 * dropout; mean pooling over real nodes; FC (hidden → fcHidden, ReLU, dropout) → 1. No biases.
 */
final class GcnNet extends BatchedNet {

    GcnNet(SpaceTensors space, PredictorConfig cfg) {
        super(space, cfg);
    }

    @Override
    List<NDArray> init(NDManager m, SplittableRandom[] init) {
        List<NDArray> w = new ArrayList<>();
        int in = space.features;
        for (int l = 0; l < cfg.layers(); l++) {
            w.add(xavier(m, init, in, cfg.hidden()));
            w.add(xavier(m, init, in, cfg.hidden()));
            in = cfg.hidden();
        }
        w.add(linear(m, init, cfg.hidden(), cfg.fcHidden()));
        w.add(linear(m, init, cfg.fcHidden(), 1));
        return w;
    }

    @Override
    NDList inputs(NDManager m, int[][] idx) {
        int n = space.nodes, f = space.features;
        return new NDList(
                gather(m, space.x, n * f, idx, new Shape(n, f)),
                gather(m, space.fwd, n * n, idx, new Shape(n, n)),
                gather(m, space.bwd, n * n, idx, new Shape(n, n)),
                gather(m, space.mask, n, idx, new Shape(n, 1)));
    }

    @Override
    NDArray forward(NDList in, List<NDArray> w, int seeds, int batch, Dropout drop) {
        int n = space.nodes;
        NDArray x = in.get(0), fwd = in.get(1), bwd = in.get(2), mask = in.get(3);
        long sp = x.getShape().get(0);
        NDArray h = x.reshape(sp, (long) batch * n, space.features);
        NDArray h4 = null;
        // a manager-owned scalar, not mul(0.5f): see BatchedNet's note on scalars under autograd
        NDArray half = x.getManager().create(0.5f);
        for (int l = 0; l < cfg.layers(); l++) {
            int out = cfg.hidden();
            NDArray a = h.matMul(w.get(2 * l)).reshape(seeds, batch, n, out);
            NDArray b = h.matMul(w.get(2 * l + 1)).reshape(seeds, batch, n, out);
            h4 = Activation.relu(fwd.matMul(a)).add(Activation.relu(bwd.matMul(b))).mul(half);
            if (drop != null && cfg.dropout() > 0) {
                h4 = h4.mul(drop.mask(h4.getManager(), new Shape(batch, n, out)));
            }
            h = h4.reshape(seeds, (long) batch * n, out);
        }
        NDArray pooled = h4.mul(mask).sum(new int[] {2}).div(mask.sum(new int[] {2})); // (S, B, hidden)
        NDArray z = Activation.relu(pooled.matMul(w.get(2 * cfg.layers())));
        if (drop != null && cfg.dropout() > 0) {
            z = z.mul(drop.mask(z.getManager(), new Shape(batch, cfg.fcHidden())));
        }
        return z.matMul(w.get(2 * cfg.layers() + 1)).reshape(seeds, batch);
    }
}
