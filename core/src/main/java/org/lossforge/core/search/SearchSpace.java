package org.lossforge.core.search;

import java.util.List;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.predictor.SpaceTensors;

/**
 * What every step on one benchmark shares and nothing changes: the benchmark (for the mutation neighbourhood and
 * the encodings), the predictor input tensors of the whole space, and the neighbourhood. Built once per benchmark;
 * holds no run state.
 */
public final class SearchSpace {
    private final Benchmark benchmark;
    private final Neighbourhood neighbourhood;
    private volatile SpaceTensors tensors;

    public SearchSpace(Benchmark benchmark) {
        this.benchmark = benchmark;
        this.neighbourhood = new Neighbourhood(benchmark);
    }

    public Benchmark benchmark() {
        return benchmark;
    }

    Neighbourhood neighbourhood() {
        return neighbourhood;
    }

    /** The predictor inputs of the whole space (built on first use). */
    public SpaceTensors tensors() {
        SpaceTensors t = tensors;
        if (t == null) {
            synchronized (this) {
                t = tensors;
                if (t == null) {
                    t = SpaceTensors.of(benchmark);
                    tensors = t;
                }
            }
        }
        return t;
    }

    /** Whether a metric's values are percentages (any value above 1), so the UNIT label scale divides by 100. */
    boolean percent(String dataset, String metric) {
        for (double v : benchmark.truthColumn(dataset, metric)) {
            if (v > 1.0) {
                return true;
            }
        }
        return false;
    }

    /** Checks that a configuration fits this benchmark; throws {@link IllegalArgumentException} with the reason. */
    public void validate(SearchConfig c) {
        if (!c.benchmark().equals(benchmark.name())) {
            throw new IllegalArgumentException("search is for " + c.benchmark() + " but the space is " + benchmark.name());
        }
        if (!benchmark.datasets().contains(c.dataset())) {
            throw new IllegalArgumentException("unknown dataset '" + c.dataset() + "' for " + benchmark.name() + " (known: "
                    + String.join(", ", benchmark.datasets()) + ")");
        }
        List<String> metrics = benchmark.metrics(c.dataset());
        for (String m : new String[] {c.trainMetric(), c.evalMetric()}) {
            if (!metrics.contains(m)) {
                throw new IllegalArgumentException("unknown metric '" + m + "' for " + benchmark.name() + " " + c.dataset()
                        + " (known: " + String.join(", ", metrics) + ")");
            }
        }
        if (c.budget() > benchmark.size()) {
            throw new IllegalArgumentException("budget " + c.budget() + " is larger than the space (" + benchmark.size() + ")");
        }
    }
}
