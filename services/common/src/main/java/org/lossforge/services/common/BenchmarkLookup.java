package org.lossforge.services.common;

import java.util.Collection;
import java.util.function.Function;

/**
 * How every service looks up a benchmark named by a record: a name core does not know is the record's fault
 * ({@code UNKNOWN_BENCHMARK}, a dead letter); a known benchmark whose data cannot be read is not
 * ({@link TransientFailureException}, the record stays unacknowledged). Generic so this module needs no core.
 */
public final class BenchmarkLookup {

    private BenchmarkLookup() {
    }

    /**
     * @param known the benchmark names core knows ({@code Benchmarks.NAMES})
     * @param load  loads a known benchmark ({@code Benchmarks::get})
     */
    public static <B> B get(Collection<String> known, Function<String, B> load, String name) {
        if (name == null || !known.contains(name)) {
            throw new InvalidRecordException("UNKNOWN_BENCHMARK", "no benchmark '" + name + "' (known: "
                    + String.join(", ", known) + ")");
        }
        try {
            return load.apply(name);
        } catch (RuntimeException e) {
            throw new TransientFailureException("cannot load benchmark " + name + ": " + e.getMessage(), e);
        }
    }
}
