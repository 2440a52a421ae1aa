package org.lossforge.core.metrics;

/**
 * A metric comparing predicted scores with truth over a set of architectures (higher truth and
 * higher score mean better). Implementations are pure functions of the two arrays.
 */
public interface RankingMetric {

    /** Name used in reports and on the command line. */
    String name();

    /** The metric value; throws {@link IllegalArgumentException} on empty, mismatched or non-finite input. */
    double compute(double[] truth, double[] pred);
}
