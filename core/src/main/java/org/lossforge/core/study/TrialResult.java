package org.lossforge.core.study;

/**
 * The metrics of one trained predictor (one seed of one configuration) over the whole space. Precision is a
 * fraction in [0,1]; N@K is a 1-based rank. {@code error} is null for a successful trial, else the reason the
 * trial failed (e.g. a diverged loss) and the metrics are NaN.
 */
public record TrialResult(String benchmark, String dataset, int trainSize, String loss, int seedIndex, long seed,
                          double tau, double spearman, double p05, double p1, double p5, double p10,
                          double n1, double n5, double n10, double regret10, String error) {

    public boolean ok() {
        return error == null;
    }

    public static final String CSV_HEADER =
            "benchmark,dataset,train_size,loss,seed_index,seed,tau,spearman,p05,p1,p5,p10,n1,n5,n10,regret10,error";

    public String csvRow() {
        return String.join(",", benchmark, dataset, Integer.toString(trainSize), Csv.quote(loss),
                Integer.toString(seedIndex), Long.toString(seed), Csv.num(tau), Csv.num(spearman), Csv.num(p05),
                Csv.num(p1), Csv.num(p5), Csv.num(p10), Csv.num(n1), Csv.num(n5), Csv.num(n10), Csv.num(regret10),
                error == null ? "" : Csv.quote(error));
    }
}
