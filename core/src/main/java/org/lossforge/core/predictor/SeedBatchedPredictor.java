package org.lossforge.core.predictor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.lossforge.core.djl.Autograd;
import org.lossforge.core.loss.LossContext;
import org.lossforge.core.loss.PredictorLoss;

/**
 * Trains S seeds of one (loss, train size) configuration as one batched program: stacked weights, batched
 * matrix products, one Adam step for all seeds. Seeds never interact (the loss is per row, Adam and weight
 * decay are element-wise), so row s is the same model a fit with only seed s produces — to float rounding.
 *
 * <p>Every random choice of seed s (initial weights, epoch shuffles, dropout masks, the loss's own draws)
 * comes from streams split off {@code SplittableRandom(seed)} in a fixed order, never from the engine's RNG,
 * so the same seed gives the same model, batched or not.
 *
 * <p>Runs on the engine's default device: the GPU when PyTorch reports one, else the CPU.
 */
public final class SeedBatchedPredictor implements Predictor {
    private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

    private final SpaceTensors space;
    private final PredictorConfig cfg;
    private final boolean percentLabels;
    private final BatchedNet net;
    private final Device device;
    private NDManager manager;
    private List<NDArray> weights;
    private int seeds;

    /**
     * @param percentLabels whether the raw truth is in percent (the UNIT label scale then divides by 100)
     */
    public SeedBatchedPredictor(SpaceTensors space, PredictorConfig cfg, boolean percentLabels) {
        this.space = space;
        this.cfg = cfg;
        this.percentLabels = percentLabels;
        this.net = BatchedNet.of(space, cfg);
        this.device = Engine.getInstance().defaultDevice();
    }

    public PredictorConfig config() {
        return cfg;
    }

    @Override
    public FitSummary fit(int[][] trainIdx, double[][] rawLabels, PredictorLoss loss, long[] seedValues) {
        long t0 = System.nanoTime();
        int s = seedValues.length;
        if (s == 0 || trainIdx.length != s || rawLabels.length != s) {
            throw new IllegalArgumentException("need one training set and one label row per seed");
        }
        int n = trainIdx[0].length;
        for (int r = 0; r < s; r++) {
            if (trainIdx[r].length != n || rawLabels[r].length != n) {
                throw new IllegalArgumentException("every seed row must have the same training-set size");
            }
        }
        double[][] y = LabelTransform.apply(loss.labelScale(), rawLabels, percentLabels);

        SplittableRandom[] initRng = new SplittableRandom[s], shuffleRng = new SplittableRandom[s];
        SplittableRandom[] dropRng = new SplittableRandom[s], lossRng = new SplittableRandom[s];
        for (int r = 0; r < s; r++) {
            SplittableRandom root = new SplittableRandom(seedValues[r]);
            initRng[r] = root.split();
            shuffleRng[r] = root.split();
            dropRng[r] = root.split();
            lossRng[r] = root.split();
        }
        close();
        manager = NDManager.newBaseManager(device);
        seeds = s;
        weights = net.init(manager, initRng);
        NDArray[] m1 = new NDArray[weights.size()], m2 = new NDArray[weights.size()];
        for (int k = 0; k < weights.size(); k++) {
            m1[k] = manager.zeros(weights.get(k).getShape());
            m2[k] = manager.zeros(weights.get(k).getShape());
        }
        BatchedNet.Dropout drop = dropout(dropRng);

        int[][] order = new int[s][n];
        double[] epochLoss = new double[s];
        long step = 0;
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            double lr = cfg.lr() * 0.5 * (1 + Math.cos(Math.PI * epoch / cfg.epochs()));
            for (int r = 0; r < s; r++) {
                shuffle(order[r], shuffleRng[r]);
            }
            java.util.Arrays.fill(epochLoss, 0);
            LossContext ctx = new LossContext(epoch, cfg.epochs(), n, lossRng);
            for (int start = 0; start < n; start += cfg.batchSize()) {
                int b = Math.min(cfg.batchSize(), n - start);
                int[][] idx = new int[s][b];
                float[] lab = new float[s * b];
                for (int r = 0; r < s; r++) {
                    for (int k = 0; k < b; k++) {
                        int t = order[r][start + k];
                        idx[r][k] = trainIdx[r][t];
                        lab[r * b + k] = (float) y[r][t];
                    }
                }
                try (NDManager sub = manager.newSubManager()) {
                    NDList in = net.inputs(sub, idx);
                    NDArray truth = sub.create(lab, new Shape(s, b));
                    // Fresh leaves each step: gradients start at zero without DJL's zeroGradients(), which walks
                    // every array the engine manages.
                    List<NDArray> leaves = new java.util.ArrayList<>(weights.size());
                    for (NDArray w : weights) {
                        NDArray c = w.duplicate();
                        c.attach(sub);
                        c.setRequiresGradient(true);
                        leaves.add(c);
                    }
                    float[] rowLoss;
                    try (Autograd.Step gc = Autograd.step()) {
                        NDArray pred = net.forward(in, leaves, s, b, drop);
                        NDArray rows = loss.evaluate(pred, truth, ctx);
                        rowLoss = rows.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                        gc.backward(rows.sum());
                    }
                    for (int r = 0; r < s; r++) {
                        if (!Float.isFinite(rowLoss[r])) {
                            throw new TrainingDivergedException(r, epoch, rowLoss[r]);
                        }
                        epochLoss[r] += rowLoss[r] * b / n;
                    }
                    step++;
                    adam(leaves, m1, m2, lr, step);
                }
            }
        }
        return new FitSummary(s, n, cfg.epochs(), step, epochLoss.clone(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** In-place Adam with L2 weight decay added to the gradient (PyTorch {@code Adam(weight_decay)}). */
    private void adam(List<NDArray> leaves, NDArray[] m1, NDArray[] m2, double lr, long t) {
        float c1 = (float) (1 - Math.pow(BETA1, t)), c2 = (float) (1 - Math.pow(BETA2, t));
        for (int k = 0; k < weights.size(); k++) {
            NDArray w = weights.get(k);
            try (NDManager tmp = manager.newSubManager()) {
                NDArray g = leaves.get(k).getGradient();
                g.attach(tmp);
                if (cfg.weightDecay() > 0) {
                    NDArray wd = w.mul((float) cfg.weightDecay());
                    wd.attach(tmp);
                    g = g.add(wd);
                    g.attach(tmp);
                }
                m1[k].muli((float) BETA1);
                NDArray a = g.mul((float) (1 - BETA1));
                a.attach(tmp);
                m1[k].addi(a);
                m2[k].muli((float) BETA2);
                NDArray g2 = g.square().mul((float) (1 - BETA2));
                g2.attach(tmp);
                m2[k].addi(g2);
                NDArray denom = m2[k].div(c2);
                denom.attach(tmp);
                denom = denom.sqrt().add((float) EPS);
                denom.attach(tmp);
                NDArray upd = m1[k].div(c1);
                upd.attach(tmp);
                upd = upd.div(denom).mul((float) lr);
                upd.attach(tmp);
                w.subi(upd);
            }
        }
    }

    private BatchedNet.Dropout dropout(SplittableRandom[] rng) {
        float keep = (float) (1 - cfg.dropout());
        // Bernoulli(p) from 16-bit chunks of one long: p is quantised to 1/65536.
        int threshold = (int) Math.round(cfg.dropout() * 65536);
        return (m, rowShape) -> {
            int len = (int) rowShape.size();
            float[] v = new float[seeds * len];
            for (int r = 0; r < seeds; r++) {
                long bits = 0;
                for (int k = 0; k < len; k++) {
                    if ((k & 3) == 0) {
                        bits = rng[r].nextLong();
                    }
                    int u = (int) (bits & 0xFFFF);
                    bits >>>= 16;
                    v[r * len + k] = u < threshold ? 0f : 1f / keep;
                }
            }
            long[] dims = new long[rowShape.dimension() + 1];
            dims[0] = seeds;
            System.arraycopy(rowShape.getShape(), 0, dims, 1, rowShape.dimension());
            return m.create(v, new Shape(dims));
        };
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public double[][] predict(int[] archIdx) {
        if (weights == null) {
            throw new IllegalStateException("predict called before fit");
        }
        double[][] out = new double[seeds][archIdx.length];
        for (int start = 0; start < archIdx.length; start += cfg.predictBatch()) {
            int c = Math.min(cfg.predictBatch(), archIdx.length - start);
            int[][] idx = new int[1][c];
            System.arraycopy(archIdx, start, idx[0], 0, c);
            try (NDManager sub = manager.newSubManager()) {
                float[] p = net.forward(net.inputs(sub, idx), weights, seeds, c, null).toFloatArray();
                for (int r = 0; r < seeds; r++) {
                    for (int k = 0; k < c; k++) {
                        out[r][start + k] = p[r * c + k];
                    }
                }
            }
        }
        return out;
    }

    /** Scores of the whole space, one row per seed. */
    public double[][] predictAll() {
        int[] all = new int[space.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return predict(all);
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
            weights = null;
        }
    }
}
