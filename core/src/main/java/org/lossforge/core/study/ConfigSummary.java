package org.lossforge.core.study;

import java.util.List;

/**
 * Mean and sample standard deviation (n − 1) over the successful seeds of one (dataset, size, loss).
 * {@code seeds} counts successful trials; {@code failed} the others.
 */
public record ConfigSummary(String benchmark, String dataset, int trainSize, String loss, int seeds, int failed,
                            double tauMean, double tauStd, double spearmanMean, double p05Mean, double p05Std,
                            double p5Mean, double p5Std, double n10Mean, double n10Std) {

    /** The CSV header the issue fixes. */
    public static final String CSV_HEADER = "benchmark,dataset,train_size,loss,seeds,tau_mean,tau_std,spearman_mean,"
            + "p05_mean,p05_std,p5_mean,p5_std,n10_mean,n10_std";

    public static ConfigSummary of(List<TrialResult> trials) {
        TrialResult first = trials.get(0);
        List<TrialResult> ok = trials.stream().filter(TrialResult::ok).toList();
        double[] tau = ok.stream().mapToDouble(TrialResult::tau).toArray();
        double[] rho = ok.stream().mapToDouble(TrialResult::spearman).toArray();
        double[] p05 = ok.stream().mapToDouble(TrialResult::p05).toArray();
        double[] p5 = ok.stream().mapToDouble(TrialResult::p5).toArray();
        double[] n10 = ok.stream().mapToDouble(TrialResult::n10).toArray();
        return new ConfigSummary(first.benchmark(), first.dataset(), first.trainSize(), first.loss(), ok.size(),
                trials.size() - ok.size(), mean(tau), std(tau), mean(rho), mean(p05), std(p05), mean(p5), std(p5),
                mean(n10), std(n10));
    }

    public String csvRow() {
        return String.join(",", benchmark, dataset, Integer.toString(trainSize), Csv.quote(loss), Integer.toString(seeds),
                Csv.num(tauMean), Csv.num(tauStd), Csv.num(spearmanMean), Csv.num(p05Mean), Csv.num(p05Std),
                Csv.num(p5Mean), Csv.num(p5Std), Csv.num(n10Mean), Csv.num(n10Std));
    }

    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n − 1); 0 for a single value, NaN for none. */
    static double std(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        if (v.length == 1) {
            return 0;
        }
        double m = mean(v), s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
