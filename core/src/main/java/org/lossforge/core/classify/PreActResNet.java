package org.lossforge.core.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The authors' ResNet9V2 ([C2] {@code build_resnet9_v2("swish")}) as plain NDArray operations on explicit weights:
 * stem 3×3 conv; per block (width w, stride 2) {@code convsPerBlock} × (BatchNorm → swish → 3×3 conv), the first
 * with stride 2, added to a stride-2 1×1 conv of the block input; global average pooling → dropout → dense → logits
 * (the caller applies softmax). Weights are Glorot-uniform with zero biases (Keras' defaults), drawn from a
 * {@link SplittableRandom}, never from the engine's generator; BatchNorm has γ = 1, β = 0, running statistics with
 * PyTorch's momentum 0.1 and ε 1e-5.
 */
final class PreActResNet {

    static final float BN_MOMENTUM_DJL = 0.9f; // DJL's convention: the engine uses 1 − 0.9 = 0.1 for the new batch
    static final float BN_EPS = 1e-5f;

    private final SurrogateConfig.Net cfg;
    private final int inChannels;
    private final int classes;

    PreActResNet(SurrogateConfig.Net cfg, int inChannels, int classes) {
        this.cfg = cfg;
        this.inChannels = inChannels;
        this.classes = classes;
    }

    /** Trainable weights (in forward order) and BatchNorm running statistics (mean, var per BN layer). */
    record Params(List<NDArray> weights, List<NDArray> bnState) {
    }

    int lastWidth() {
        return cfg.widths().get(cfg.widths().size() - 1);
    }

    Params init(NDManager m, SplittableRandom r) {
        List<NDArray> w = new ArrayList<>();
        List<NDArray> bn = new ArrayList<>();
        int c = cfg.stemWidth();
        w.add(glorot(m, r, new Shape(c, inChannels, 3, 3), inChannels * 9, c * 9));
        w.add(m.zeros(new Shape(c)));
        for (int out : cfg.widths()) {
            w.add(glorot(m, r, new Shape(out, c, 1, 1), c, out));
            w.add(m.zeros(new Shape(out)));
            int in = c;
            for (int j = 0; j < cfg.convsPerBlock(); j++) {
                w.add(m.ones(new Shape(in)));
                w.add(m.zeros(new Shape(in)));
                bn.add(m.zeros(new Shape(in)));
                bn.add(m.ones(new Shape(in)));
                w.add(glorot(m, r, new Shape(out, in, 3, 3), in * 9, out * 9));
                w.add(m.zeros(new Shape(out)));
                in = out;
            }
            c = out;
        }
        w.add(glorot(m, r, new Shape(c, classes), c, classes));
        w.add(m.zeros(new Shape(classes)));
        return new Params(w, bn);
    }

    /**
     * Logits (B, K) of images x (B, C, H, W). {@code training}: BatchNorm uses (and updates) batch statistics and
     * {@code dropMask} (B, lastWidth), if not null, multiplies the pooled features.
     */
    NDArray forward(NDArray x, List<NDArray> w, List<NDArray> bnState, boolean training, NDArray dropMask) {
        int k = 0;
        int b = 0;
        NDArray h = conv(x, w.get(k++), w.get(k++), 1, 1);
        for (int out : cfg.widths()) {
            NDArray shortcut = conv(h, w.get(k++), w.get(k++), 2, 0);
            NDArray t = h;
            for (int j = 0; j < cfg.convsPerBlock(); j++) {
                NDArray gamma = w.get(k++);
                NDArray beta = w.get(k++);
                t = BatchNorm.batchNorm(t, bnState.get(b++), bnState.get(b++), gamma, beta, -1, BN_MOMENTUM_DJL, BN_EPS, training)
                        .singletonOrThrow();
                t = t.mul(Activation.sigmoid(t)); // swish
                t = conv(t, w.get(k++), w.get(k++), j == 0 ? 2 : 1, 1);
            }
            h = t.add(shortcut);
        }
        Shape hs = h.getShape();
        NDArray pooled = h.reshape(hs.get(0), hs.get(1), hs.get(2) * hs.get(3)).mean(new int[] {2}); // global average pool
        if (training && dropMask != null) {
            pooled = pooled.mul(dropMask);
        }
        return pooled.matMul(w.get(k++)).add(w.get(k));
    }

    private static NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int pad) {
        return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(pad, pad)).singletonOrThrow();
    }

    private static NDArray glorot(NDManager m, SplittableRandom r, Shape shape, int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * limit);
        }
        return m.create(v, shape);
    }
}
