package org.lossforge.core.bench;

import java.util.List;
import java.util.Objects;

/**
 * Shared implementation of {@link Benchmark} over in-memory tables: ids, truth columns and argument
 * checking with clear messages. Subclasses supply the encoding.
 */
abstract class TableBenchmark implements Benchmark {
    private final String name;
    private final ArchIds ids;
    private final Truth truth;

    TableBenchmark(String name, ArchIds ids, Truth truth) {
        this.name = name;
        this.ids = ids;
        this.truth = truth;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int size() {
        return ids.size();
    }

    @Override
    public List<String> datasets() {
        return truth.datasets();
    }

    @Override
    public List<String> metrics(String dataset) {
        checkDataset(dataset);
        return truth.metrics(dataset);
    }

    @Override
    public String defaultTrainMetric(String dataset) {
        checkDataset(dataset);
        return truth.defaultTrain(dataset);
    }

    @Override
    public String defaultEvalMetric(String dataset) {
        checkDataset(dataset);
        return truth.defaultEval(dataset);
    }

    @Override
    public final String archId(int index) {
        return ids.get(checkIndex(index));
    }

    @Override
    public final int indexOf(String archId) {
        int i = ids.find(archId);
        if (i < 0) {
            throw new IllegalArgumentException("unknown architecture id '" + archId + "' for benchmark " + name);
        }
        return i;
    }

    @Override
    public double truth(int index, String dataset, String metric) {
        return column(dataset, metric)[checkIndex(index)];
    }

    @Override
    public double[] truthColumn(String dataset, String metric) {
        return column(dataset, metric).clone();
    }

    @Override
    public final ArchEncoding encode(int index) {
        return encodeChecked(checkIndex(index));
    }

    /** Encoding of a valid index. */
    abstract ArchEncoding encodeChecked(int index);

    final int checkIndex(int index) {
        return Objects.checkIndex(index, ids.size());
    }

    private double[] column(String dataset, String metric) {
        checkDataset(dataset);
        double[] col = truth.column(dataset, metric);
        if (col == null) {
            throw new IllegalArgumentException("unknown metric '" + metric + "' for dataset " + dataset
                    + " of benchmark " + name + "; known metrics: " + truth.metrics(dataset));
        }
        return col;
    }

    private void checkDataset(String dataset) {
        if (truth.isEmpty()) {
            throw new IllegalArgumentException("benchmark " + name + " is structure only: it has no datasets or truth values");
        }
        if (truth.metrics(dataset) == null) {
            throw new IllegalArgumentException("unknown dataset '" + dataset + "' for benchmark " + name
                    + "; known datasets: " + truth.datasets());
        }
    }

    @Override
    public String toString() {
        return name + " (" + size() + " architectures)";
    }
}
