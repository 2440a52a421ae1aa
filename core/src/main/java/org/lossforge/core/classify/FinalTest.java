package org.lossforge.core.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.lossforge.core.study.Seeds;

/**
 * The final test (nlfs-paper.md §3.3, issue item 6): every loss — the evolved ones and the baselines — is trained
 * with the same seeds (so seed k gives every loss the same initial weights, batches and dropout masks: a paired
 * design), scored by its test accuracy at its best validation epoch ({@link SurrogateResult#testAtBestValid()};
 * the authors took the maximum test accuracy over epochs, i.e. selected on the test set), and each evolved loss is
 * compared with each baseline by a paired t-test and a Wilcoxon signed-rank test over the seeds where both trained.
 * p-values of the evolved-vs-baseline t-tests are also given Holm-adjusted over those comparisons.
 */
public final class FinalTest {

    /** The issue asks for at least 6 seeds per loss (the authors' 6 runs). */
    public static final int MIN_SEEDS = 6;

    private FinalTest() {
    }

    /** Trains a loss with a seed, evaluating the test set (e.g. {@code (l, s) -> surrogate.evaluate(l.loss(), s, true)}). */
    @FunctionalInterface
    public interface Trainer {
        SurrogateResult train(NamedLoss loss, long seed);
    }

    /** One loss over all seeds; {@code results.get(k)} is seed k's. */
    public record Row(NamedLoss loss, boolean baseline, List<SurrogateResult> results) {
        public Row {
            results = List.copyOf(results);
        }

        /** Test accuracy per seed (NaN where the training failed). */
        public double[] testAccuracy() {
            return results.stream().mapToDouble(SurrogateResult::testAtBestValid).toArray();
        }

        public double[] successful() {
            return Arrays.stream(testAccuracy()).filter(Double::isFinite).toArray();
        }

        public int failures() {
            return results.size() - successful().length;
        }

        public double mean() {
            return PairedTests.mean(successful());
        }

        public double sd() {
            return PairedTests.sd(successful());
        }
    }

    /**
     * {@code loss} minus {@code baseline} over the seeds where both trained; the tests are null with fewer than 2
     * pairs. {@code holmP} is the Holm-adjusted t-test p-value (NaN for baseline-vs-baseline rows).
     */
    public record Comparison(String loss, String baseline, int pairs, double meanDiff, PairedTests.TTest t, PairedTests.Wilcoxon wilcoxon,
                             double holmP) {
    }

    public record Outcome(long[] seeds, List<Row> rows, List<Comparison> comparisons) {
        public Outcome {
            seeds = seeds.clone();
            rows = List.copyOf(rows);
            comparisons = List.copyOf(comparisons);
        }

        @Override
        public long[] seeds() {
            return seeds.clone();
        }
    }

    /** {@code n} seeds derived from a base seed (SplitMix64), the same for every loss. */
    public static long[] seeds(long base, int n) {
        long[] s = new long[n];
        for (int k = 0; k < n; k++) {
            s[k] = Seeds.mix(Seeds.mix(base ^ 0x4E4C4653L) ^ k);
        }
        return s;
    }

    /** The final test against cross-entropy and Baikal on a surrogate (its test set is evaluated every epoch). */
    public static Outcome run(List<NamedLoss> evolved, long[] seeds, Surrogate surrogate, Consumer<String> progress) {
        return run(evolved, List.of(Baselines.crossEntropy(), Baselines.baikal()), seeds,
                (l, s) -> surrogate.evaluate(l.loss(), s, true), progress);
    }

    public static Outcome run(List<NamedLoss> evolved, List<NamedLoss> baselines, long[] seeds, Trainer trainer, Consumer<String> progress) {
        if (seeds.length < MIN_SEEDS) {
            throw new IllegalArgumentException("the final test needs at least " + MIN_SEEDS + " seeds, got " + seeds.length);
        }
        if (baselines.isEmpty()) {
            throw new IllegalArgumentException("the final test needs at least one baseline");
        }
        List<String> names = new ArrayList<>();
        evolved.forEach(l -> names.add(l.name()));
        baselines.forEach(l -> names.add(l.name()));
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("loss names must be distinct: " + names);
        }
        Consumer<String> log = progress == null ? m -> { } : progress;
        List<Row> rows = new ArrayList<>();
        int total = (evolved.size() + baselines.size()) * seeds.length;
        int done = 0;
        for (int group = 0; group < 2; group++) {
            boolean baseline = group == 1;
            for (NamedLoss l : baseline ? baselines : evolved) {
                List<SurrogateResult> rs = new ArrayList<>();
                for (long seed : seeds) {
                    SurrogateResult r = Objects.requireNonNull(trainer.train(l, seed), "trainer returned null");
                    rs.add(r);
                    done++;
                    log.accept(String.format(java.util.Locale.ROOT, "[%d/%d] %s seed %d: %s", done, total, l.name(), seed,
                            r.ok() ? String.format(java.util.Locale.ROOT, "test %.4f (valid %.4f)", r.testAtBestValid(), r.fitness()) : r.toString()));
                }
                rows.add(new Row(l, baseline, rs));
            }
        }
        List<Comparison> raw = new ArrayList<>();
        for (Row a : rows) {
            for (Row b : rows) {
                boolean evolvedVsBase = !a.baseline() && b.baseline();
                boolean baseVsBase = a.baseline() && b.baseline() && rows.indexOf(a) < rows.indexOf(b);
                if (evolvedVsBase || baseVsBase) {
                    raw.add(compare(a, b));
                }
            }
        }
        return new Outcome(seeds, rows, holm(raw, rows));
    }

    private static Comparison compare(Row a, Row b) {
        double[] x = a.testAccuracy();
        double[] y = b.testAccuracy();
        List<double[]> pairs = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (Double.isFinite(x[k]) && Double.isFinite(y[k])) {
                pairs.add(new double[] {x[k], y[k]});
            }
        }
        double[] px = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] py = pairs.stream().mapToDouble(p -> p[1]).toArray();
        double diff = PairedTests.mean(px) - PairedTests.mean(py);
        if (pairs.size() < 2) {
            return new Comparison(a.loss().name(), b.loss().name(), pairs.size(), pairs.isEmpty() ? Double.NaN : diff, null, null, Double.NaN);
        }
        return new Comparison(a.loss().name(), b.loss().name(), pairs.size(), diff, PairedTests.pairedT(px, py),
                PairedTests.wilcoxon(px, py), Double.NaN);
    }

    /** Holm's step-down adjustment of the t-test p-values of the evolved-vs-baseline comparisons. */
    private static List<Comparison> holm(List<Comparison> raw, List<Row> rows) {
        List<String> baselines = rows.stream().filter(Row::baseline).map(r -> r.loss().name()).toList();
        List<Integer> family = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!baselines.contains(raw.get(i).loss()) && raw.get(i).t() != null) {
                family.add(i);
            }
        }
        family.sort(Comparator.comparingDouble(i -> raw.get(i).t().p()));
        double[] adjusted = new double[raw.size()];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        int m = family.size();
        for (int rank = 0; rank < m; rank++) {
            int i = family.get(rank);
            running = Math.max(running, Math.min(1, (m - rank) * raw.get(i).t().p()));
            adjusted[i] = running;
        }
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Comparison c = raw.get(i);
            out.add(new Comparison(c.loss(), c.baseline(), c.pairs(), c.meanDiff(), c.t(), c.wilcoxon(), adjusted[i]));
        }
        return out;
    }
}
