package org.lossforge.core.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All standard metrics of one predictor on one set of architectures, as computed by {@link MetricSet}.
 *
 * <p>The maps keep the order in which {@link MetricSet} lists their keys (T ascending, K ascending) and are
 * unmodifiable. A value is {@link Double#NaN} when it is undefined for this n:
 * <ul>
 *   <li>{@code precisionAt.get(T)} is NaN when k = floor(n·T/100) = 0;</li>
 *   <li>{@code nAt.get(K)} and {@code regretAt.get(K)} are NaN when K &gt; n.</li>
 * </ul>
 * N@K values are otherwise whole numbers (1 = best).
 *
 * @param n            number of architectures
 * @param kendallTauB  {@link KendallTauB}
 * @param spearman     {@link Spearman}
 * @param precisionAt  T (percent) → {@link PrecisionAtT}, a fraction in [0, 1]
 * @param nAt          K → {@link NAtK}
 * @param regretAt     K → {@link TopKRegret}
 */
public record MetricReport(int n, double kendallTauB, double spearman, Map<Double, Double> precisionAt,
                           Map<Integer, Double> nAt, Map<Integer, Double> regretAt) {

    public MetricReport {
        precisionAt = Collections.unmodifiableMap(new LinkedHashMap<>(precisionAt));
        nAt = Collections.unmodifiableMap(new LinkedHashMap<>(nAt));
        regretAt = Collections.unmodifiableMap(new LinkedHashMap<>(regretAt));
    }
}
