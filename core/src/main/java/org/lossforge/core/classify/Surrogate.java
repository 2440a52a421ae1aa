package org.lossforge.core.classify;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.lossforge.core.djl.Autograd;

/**
 * The NLFS surrogate (nlfs-paper.md §2.3): trains the small pre-activation ResNet ({@link PreActResNet}) with a
 * candidate {@link ClassificationLoss} and scores it by the best validation accuracy on a held-out split of the
 * training images. A candidate that learns too slowly fails the precheck; a NaN or infinite loss, weight or output,
 * and any exception the loss or the engine throws, fail the candidate with a reason ({@link SurrogateResult}), never
 * the caller.
 *
 * <p>Same seed, same numbers (on one machine and thread count): the weights, the batch order and the dropout masks
 * come from {@code SplittableRandom(seed)}, the validation split from the config's split seed, nothing from the
 * engine's generator. The same seed gives every loss the same initial weights and batches, so two losses trained
 * with one seed form a pair. Thread-safe: each evaluation has its own native memory.
 */
public final class Surrogate {

    private static final float ADAM_EPS = 1e-7f; // Keras' Adam epsilon
    private static final int EVAL_BATCH = 500;
    private static final float[] NORMALISE = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            NORMALISE[v] = (float) ((v - 127.5) / 128.0); // the authors' (x − 127.5)/128
        }
    }

    private final SurrogateConfig cfg;
    private final ImageSet train;
    private final ImageSet valid;
    private final ImageSet test;
    private final PreActResNet net;
    private final Device device;

    /** The surrogate on its configured data set from the repository's data folder. */
    public Surrogate(SurrogateConfig cfg) {
        this(cfg, ImageData.get(cfg.data().dataset()));
    }

    public Surrogate(SurrogateConfig cfg, ImageData.Dataset data) {
        this.cfg = cfg;
        SurrogateConfig.Data d = cfg.data();
        ImageSet pool = d.trainImages() == 0 ? data.train() : data.train().head(d.trainImages());
        ImageSet.Split split = pool.stratifiedSplit(d.validPerClass(), d.splitSeed());
        this.train = split.train();
        this.valid = split.valid();
        this.test = data.test();
        this.net = new PreActResNet(cfg.net(), train.channels(), train.numClasses());
        this.device = Engine.getInstance().defaultDevice();
    }

    public SurrogateConfig config() {
        return cfg;
    }

    public ImageSet trainSet() {
        return train;
    }

    public ImageSet validSet() {
        return valid;
    }

    public ImageSet testSet() {
        return test;
    }

    /** The device trainings run on: the GPU when the engine reports one, else the CPU. */
    public Device device() {
        return device;
    }

    /** Fitness of a loss: precheck, then the main run, scored on the validation split. */
    public SurrogateResult evaluate(ClassificationLoss loss, long seed) {
        return evaluate(loss, seed, false);
    }

    /**
     * As {@link #evaluate(ClassificationLoss, long)}; with {@code withTest} the test set is evaluated after every epoch
     * too (for the final test: {@link SurrogateResult#testAtBestValid()}). Never throws for a bad loss.
     */
    public SurrogateResult evaluate(ClassificationLoss loss, long seed, boolean withTest) {
        long t0 = System.nanoTime();
        SurrogateConfig.Precheck pc = cfg.precheck();
        try {
            if (pc.epochs() > 0 && pc.separateRun() != null) {
                SurrogateResult pre = run(loss, seed, pc.separateRun(), 0, false, false, pc.epochs(), pc, null, t0);
                if (!pre.ok()) {
                    return relabel(pre, "precheck run: ", t0);
                }
            }
            SurrogateConfig.Precheck prefix = pc.separateRun() == null ? pc : SurrogateConfig.Precheck.none();
            return run(loss, seed, cfg.schedule(), cfg.data().imageSize(), true, withTest, cfg.schedule().epochs(), prefix,
                    cfg.abort(), t0);
        } catch (RuntimeException e) {
            return failure(SurrogateResult.Status.ERROR, "the loss or the engine threw " + e.getClass().getSimpleName() + ": "
                    + firstLine(e.getMessage()), new double[0], 0, t0);
        }
    }

    private SurrogateResult run(ClassificationLoss lossFn, long seed, SurrogateConfig.Schedule sched, int imageSize, boolean evalValid,
                                boolean evalTest, int epochs, SurrogateConfig.Precheck prefix, SurrogateConfig.EarlyAbort abort, long t0) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom initRng = root.split();
        SplittableRandom orderRng = root.split();
        SplittableRandom dropRng = root.split();
        int n = train.size();
        int b = sched.batchSize();
        int k = train.numClasses();
        int steps = sched.stepsPerEpoch() == 0 ? (n + b - 1) / b : sched.stepsPerEpoch();
        int total = sched.scheduleSteps() == 0 ? steps * epochs : sched.scheduleSteps();
        double[] trainAcc = new double[epochs];
        double[] validAcc = new double[evalValid ? epochs : 0];
        double[] testAcc = new double[evalTest ? epochs : 0];
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1;
        boolean aborted = false;
        int epochsRun = 0;
        long step = 0;
        try (NDManager m = NDManager.newBaseManager(device)) {
            PreActResNet.Params p = net.init(m, initRng);
            List<NDArray> w = p.weights();
            Adam adam = Optimizer.adam().optLearningRateTracker(new WarmupCosine(sched.lr(), sched.warmupSteps(), total))
                    .optBeta1(0.9f).optBeta2(0.999f).optEpsilon(ADAM_EPS).build();
            String[] ids = new String[w.size()];
            Arrays.setAll(ids, i -> "w" + i);
            Resizer resize = imageSize == 0 || (imageSize == train.height() && imageSize == train.width()) ? null
                    : new Resizer(m, train.height(), train.width(), imageSize);
            Batcher batches = new Batcher(n, b, orderRng);
            int imageBytes = train.imageBytes();
            Shape xShape = new Shape(b, train.channels(), train.height(), train.width());
            float[] xBuf = new float[b * imageBytes];
            float[] yBuf = new float[b * k];
            int last = net.lastWidth();
            float keep = (float) (1 - cfg.net().dropout());
            float[] maskBuf = new float[b * last];
            double maxTrain = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                long correct = 0;
                for (int s = 0; s < steps; s++) {
                    int[] idx = batches.next();
                    fill(train, idx, xBuf, yBuf, k);
                    try (NDManager sub = m.newSubManager()) {
                        NDArray x = sub.create(xBuf, xShape);
                        if (resize != null) {
                            x = resize.apply(x);
                        }
                        NDArray y = sub.create(yBuf, new Shape(b, k));
                        NDArray mask = null;
                        if (cfg.net().dropout() > 0) {
                            for (int i = 0; i < maskBuf.length; i++) {
                                maskBuf[i] = dropRng.nextDouble() < cfg.net().dropout() ? 0f : 1f / keep;
                            }
                            mask = sub.create(maskBuf, new Shape(b, last));
                        }
                        List<NDArray> leaves = new ArrayList<>(w.size());
                        for (NDArray wi : w) {
                            NDArray c = wi.duplicate();
                            c.attach(sub);
                            c.setRequiresGradient(true);
                            leaves.add(c);
                        }
                        float[] logits;
                        try (Autograd.Step gc = Autograd.step()) {
                            NDArray out = net.forward(x, leaves, p.bnState(), true, mask);
                            NDArray loss = lossFn.evaluate(out.softmax(-1), y);
                            if (loss == null || loss.getShape().size() != 1) {
                                return failure(SurrogateResult.Status.ERROR, "the loss must return a scalar, got "
                                        + (loss == null ? "null" : "shape " + loss.getShape()), Arrays.copyOf(trainAcc, epoch), step, t0);
                            }
                            double value = loss.getDataType() == DataType.FLOAT64 ? loss.getDouble()
                                    : loss.toType(DataType.FLOAT32, false).getFloat();
                            if (!Double.isFinite(value)) {
                                return failure(SurrogateResult.Status.DIVERGED, String.format(Locale.ROOT,
                                        "loss is %s at epoch %d, step %d", value, epoch, s), Arrays.copyOf(trainAcc, epoch), step, t0);
                            }
                            logits = out.toFloatArray();
                            gc.backward(loss.getShape().dimension() == 0 ? loss : loss.reshape(new Shape()));
                        }
                        correct += countCorrect(logits, idx, train, k);
                        for (int i = 0; i < w.size(); i++) {
                            NDArray g = leaves.get(i).getGradient();
                            adam.update(ids[i], w.get(i), g);
                        }
                        step++;
                    }
                }
                epochsRun = epoch + 1;
                trainAcc[epoch] = (double) correct / ((long) steps * b);
                maxTrain = Math.max(maxTrain, trainAcc[epoch]);
                String bad = nonFinite(w);
                if (bad != null) {
                    return failure(SurrogateResult.Status.DIVERGED, "weights became non-finite (" + bad + ") in epoch " + epoch,
                            Arrays.copyOf(trainAcc, epoch + 1), step, t0);
                }
                if (evalValid) {
                    double a = accuracy(m, p, valid, resize);
                    if (Double.isNaN(a)) {
                        return failure(SurrogateResult.Status.DIVERGED, "validation outputs are non-finite after epoch " + epoch,
                                Arrays.copyOf(trainAcc, epoch + 1), step, t0);
                    }
                    validAcc[epoch] = a;
                    if (a > best) {
                        best = a;
                        bestEpoch = epoch;
                    }
                }
                if (evalTest) {
                    testAcc[epoch] = accuracy(m, p, test, resize);
                }
                if (prefix.epochs() > 0 && epoch == prefix.epochs() - 1 && maxTrain < prefix.minTrainAccuracy()) {
                    return failure(SurrogateResult.Status.PRECHECK_FAILED, String.format(Locale.ROOT,
                            "training accuracy %.3f < %.3f after %d epochs", maxTrain, prefix.minTrainAccuracy(), epoch + 1),
                            Arrays.copyOf(trainAcc, epoch + 1), step, t0);
                }
                if (abort != null && epoch >= abort.fromEpoch() && trainAcc[epoch] < abort.minTrainAccuracy()) {
                    aborted = true;
                    break;
                }
            }
        }
        double[] tr = Arrays.copyOf(trainAcc, epochsRun);
        if (!evalValid) {
            return new SurrogateResult(SurrogateResult.Status.OK, null, Double.NaN, -1, tr, new double[0], new double[0], aborted, step,
                    seconds(t0));
        }
        return new SurrogateResult(SurrogateResult.Status.OK, null, best, bestEpoch, tr, Arrays.copyOf(validAcc, epochsRun),
                Arrays.copyOf(testAcc, evalTest ? epochsRun : 0), aborted, step, seconds(t0));
    }

    /** Accuracy of the current weights in inference mode; NaN when an output is not finite. */
    private double accuracy(NDManager m, PreActResNet.Params p, ImageSet set, Resizer resize) {
        int k = set.numClasses();
        long correct = 0;
        // the same number of pixels per evaluation batch at any resolution
        int evalBatch = resize == null ? EVAL_BATCH
                : Math.max(16, (int) ((long) EVAL_BATCH * set.height() * set.width() / ((long) resize.size() * resize.size())));
        for (int start = 0; start < set.size(); start += evalBatch) {
            int c = Math.min(evalBatch, set.size() - start);
            int[] idx = new int[c];
            for (int i = 0; i < c; i++) {
                idx[i] = start + i;
            }
            float[] x = new float[c * set.imageBytes()];
            fill(set, idx, x, null, k);
            try (NDManager sub = m.newSubManager()) {
                NDArray in = sub.create(x, new Shape(c, set.channels(), set.height(), set.width()));
                if (resize != null) {
                    in = resize.apply(in);
                }
                float[] logits = net.forward(in, p.weights(), p.bnState(), false, null).toFloatArray();
                for (float v : logits) {
                    if (!Float.isFinite(v)) {
                        return Double.NaN;
                    }
                }
                correct += countCorrect(logits, idx, set, k);
            }
        }
        return (double) correct / set.size();
    }

    private static long countCorrect(float[] logits, int[] idx, ImageSet set, int k) {
        long correct = 0;
        for (int r = 0; r < idx.length; r++) {
            int arg = 0;
            for (int c = 1; c < k; c++) {
                if (logits[r * k + c] > logits[r * k + arg]) {
                    arg = c;
                }
            }
            correct += arg == set.label(idx[r]) ? 1 : 0;
        }
        return correct;
    }

    /** Normalised pixels of images {@code idx} into x (NCHW) and, if y is not null, their one-hot labels. */
    private static void fill(ImageSet set, int[] idx, float[] x, float[] y, int k) {
        byte[] px = set.pixelsRef();
        int ib = set.imageBytes();
        for (int r = 0; r < idx.length; r++) {
            int from = idx[r] * ib;
            int to = r * ib;
            for (int i = 0; i < ib; i++) {
                x[to + i] = NORMALISE[px[from + i] & 0xFF];
            }
        }
        if (y != null) {
            Arrays.fill(y, 0f);
            for (int r = 0; r < idx.length; r++) {
                y[r * k + set.label(idx[r])] = 1f;
            }
        }
    }

    private static String nonFinite(List<NDArray> w) {
        for (int i = 0; i < w.size(); i++) {
            try (NDArray s = w.get(i).sum()) {
                if (!Float.isFinite(s.getFloat())) {
                    return "weight tensor " + i + " of shape " + w.get(i).getShape();
                }
            }
        }
        return null;
    }

    private static SurrogateResult failure(SurrogateResult.Status status, String reason, double[] trainAccSoFar, long steps, long t0) {
        return new SurrogateResult(status, reason, Double.NaN, -1, trainAccSoFar, new double[0], new double[0], false, steps, seconds(t0));
    }

    private static SurrogateResult relabel(SurrogateResult r, String prefix, long t0) {
        return new SurrogateResult(r.status(), prefix + r.reason(), Double.NaN, -1, r.trainAccuracy(), new double[0], new double[0],
                false, r.steps(), seconds(t0));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Full batches from an endless sequence of seeded shuffled passes (a batch may span two passes). */
    private static final class Batcher {
        private final int[] perm;
        private final int batch;
        private final SplittableRandom rng;
        private int cursor;

        Batcher(int n, int batch, SplittableRandom rng) {
            this.perm = new int[n];
            this.batch = batch;
            this.rng = rng;
            Arrays.setAll(perm, i -> i);
            shuffle();
        }

        int[] next() {
            int[] out = new int[batch];
            for (int i = 0; i < batch; i++) {
                if (cursor == perm.length) {
                    shuffle();
                }
                out[i] = perm[cursor++];
            }
            return out;
        }

        private void shuffle() {
            for (int i = perm.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            cursor = 0;
        }
    }

    /** The authors' learning rate: linear warm-up, then a cosine to 0, plus 1e-7. DJL counts updates from 1. */
    static final class WarmupCosine implements Tracker {
        private final double lr;
        private final int warmup;
        private final int total;

        WarmupCosine(double lr, int warmup, int total) {
            this.lr = lr;
            this.warmup = warmup;
            this.total = Math.max(total, warmup + 1);
        }

        @Override
        public float getNewValue(int numUpdate) {
            return (float) at(numUpdate - 1);
        }

        /** The rate at 0-based step {@code step}. */
        double at(long step) {
            double v;
            if (step < warmup) {
                v = lr * step / warmup;
            } else if (step >= total) {
                v = 0;
            } else {
                v = 0.5 * lr * (1 + Math.cos(Math.PI * (step - warmup) / (total - warmup)));
            }
            return v + 1e-7;
        }
    }

    /**
     * Bilinear resize as two constant matrices (half-pixel centres, edges clamped: TensorFlow's {@code tf.image.resize}
     * without antialiasing): {@code R_h · x · R_wᵀ}.
     */
    static final class Resizer {
        private final NDArray rh;
        private final NDArray rwT;

        Resizer(NDManager m, int h, int w, int size) {
            rh = m.create(matrix(h, size), new Shape(size, h));
            rwT = m.create(matrix(w, size), new Shape(size, w)).transpose();
        }

        /** The resized batch, owned by x's manager (an op's result belongs to its first operand's manager: here rh's). */
        NDArray apply(NDArray x) {
            NDArray y = rh.matMul(x);
            y.attach(x.getManager());
            NDArray z = y.matMul(rwT);
            z.attach(x.getManager());
            return z;
        }

        int size() {
            return Math.toIntExact(rh.getShape().get(0));
        }

        /** (out × in) interpolation weights. */
        static float[] matrix(int in, int out) {
            float[] r = new float[out * in];
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                double src = Math.max(0, (o + 0.5) * scale - 0.5);
                int lo = (int) Math.floor(src);
                int hi = Math.min(lo + 1, in - 1);
                double f = src - lo;
                lo = Math.min(lo, in - 1);
                r[o * in + lo] += (float) (1 - f);
                r[o * in + hi] += (float) f;
            }
            return r;
        }
    }
}
