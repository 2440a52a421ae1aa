package org.lossforge.core.study;

/**
 * The metrics of one trained predictor (one seed of one configuration) over the whole space. Precision is a
 * fraction in [0,1]; N@K is a 1-based rank. {@code error} is null for a successful trial, else the reason the
 * trial failed (e.g. a diverged loss) and the metrics are NaN.
 */
public record TrialResult(String benchmark, String dataset, int trainSize, String loss, int seedIndex, long seed,
                          double tau, double spearman, double p05, double p1, double p5, double p10,
                          double n1, double n5, double n10, double regret10, String error) {

    /** A successful trial from its metric report (the standard {@link org.lossforge.core.metrics.MetricSet}). */
    public static TrialResult of(String benchmark, String dataset, int trainSize, String loss, int seedIndex, long seed,
                                 org.lossforge.core.metrics.MetricReport r) {
        return new TrialResult(benchmark, dataset, trainSize, loss, seedIndex, seed, r.kendallTauB(), r.spearman(),
                r.precisionAt().get(0.5), r.precisionAt().get(1.0), r.precisionAt().get(5.0), r.precisionAt().get(10.0),
                r.nAt().get(1), r.nAt().get(5), r.nAt().get(10), r.regretAt().get(10), null);
    }

    public boolean ok() {
        return error == null;
    }

    public static final String CSV_HEADER =
            "benchmark,dataset,train_size,loss,seed_index,seed,tau,spearman,p05,p1,p5,p10,n1,n5,n10,regret10,error";

    /** Parses one {@link #csvRow()} line. */
    public static TrialResult parseCsvRow(String line) {
        java.util.List<String> f = Csv.split(line);
        if (f.size() != 17) {
            throw new IllegalArgumentException("a trial row has 17 fields, got " + f.size() + ": " + line);
        }
        return new TrialResult(f.get(0), f.get(1), Integer.parseInt(f.get(2)), f.get(3), Integer.parseInt(f.get(4)),
                Long.parseLong(f.get(5)), d(f.get(6)), d(f.get(7)), d(f.get(8)), d(f.get(9)), d(f.get(10)), d(f.get(11)),
                d(f.get(12)), d(f.get(13)), d(f.get(14)), d(f.get(15)), f.get(16).isEmpty() ? null : f.get(16));
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    public String csvRow() {
        return String.join(",", benchmark, dataset, Integer.toString(trainSize), Csv.quote(loss),
                Integer.toString(seedIndex), Long.toString(seed), Csv.exact(tau), Csv.exact(spearman), Csv.exact(p05),
                Csv.exact(p1), Csv.exact(p5), Csv.exact(p10), Csv.exact(n1), Csv.exact(n5), Csv.exact(n10), Csv.exact(regret10),
                error == null ? "" : Csv.quote(error));
    }
}
