package org.lossforge.core.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry of the benchmarks by command-line name. {@link #get} loads each benchmark once per JVM from
 * {@link DataDir#resolve()} and caches it (the only mutable global state of this package besides the
 * checksum cache); {@link #load} loads afresh from any folder.
 */
public final class Benchmarks {
    /** Known names, in the order they are listed to users. */
    public static final List<String> NAMES = List.of(
            Nb201.NAME, Nb101.NAME, Nb101Space.NAME, Tnb101Micro.NAME, Tnb101Macro.NAME, NbMacro.NAME);

    private static final Map<String, Benchmark> CACHE = new HashMap<>();

    private Benchmarks() {}

    /** The named benchmark, loaded on first use; {@link IllegalArgumentException} for an unknown name. */
    public static synchronized Benchmark get(String name) {
        checkName(name);
        Benchmark b = CACHE.get(name);
        if (b == null) {
            b = name.equals(Nb101.NAME)
                    ? Nb101.load(DataDir.resolve(), () -> (Nb101Space) get(Nb101Space.NAME))
                    : load(name, DataDir.resolve());
            CACHE.put(name, b);
        }
        return b;
    }

    /** Loads the named benchmark from {@code dataDir}, bypassing the cache. */
    public static Benchmark load(String name, Path dataDir) {
        checkName(name);
        switch (name) {
            case Nb201.NAME: return Nb201.load(dataDir);
            case Nb101.NAME: return Nb101.load(dataDir, memo(() -> Nb101Space.load(dataDir)));
            case Nb101Space.NAME: return Nb101Space.load(dataDir);
            case Tnb101Micro.NAME: return Tnb101Micro.load(dataDir);
            case Tnb101Macro.NAME: return Tnb101Macro.load(dataDir);
            case NbMacro.NAME: return NbMacro.load(dataDir);
            default: throw new AssertionError(name);
        }
    }

    private static void checkName(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown benchmark '" + name + "'; known benchmarks: " + String.join(", ", NAMES));
        }
    }

    private static <T> java.util.function.Supplier<T> memo(java.util.function.Supplier<T> s) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
