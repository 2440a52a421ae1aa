package org.lossforge.core.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the repository's {@code data/} folder, the one holding {@code SHA256SUMS} and the
 * benchmark tables.
 *
 * <p>Resolution order: system property {@value #PROPERTY}, else environment variable {@value #ENV},
 * else the first {@code data/} folder containing {@value #MARKER} found by walking up from the
 * current working directory (tests run in {@code core/}, the launcher in the repository root).
 */
public final class DataDir {
    /** System property naming the data folder. */
    public static final String PROPERTY = "lossforge.data";
    /** Environment variable naming the data folder. */
    public static final String ENV = "LOSSFORGE_DATA";
    /** File whose presence marks a data folder. */
    public static final String MARKER = "SHA256SUMS";

    private DataDir() {}

    /** The data folder for this process; throws {@link IllegalStateException} when none is found. */
    public static Path resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENV), Path.of("").toAbsolutePath());
    }

    /** Resolution with explicit inputs (for tests); {@code property} and {@code env} may be null or blank. */
    static Path resolve(String property, String env, Path cwd) {
        if (property != null && !property.isBlank()) {
            return checkExplicit(Path.of(property), "system property " + PROPERTY);
        }
        if (env != null && !env.isBlank()) {
            return checkExplicit(Path.of(env), "environment variable " + ENV);
        }
        for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data");
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
        }
        throw new IllegalStateException("LossForge data folder not found: no data/" + MARKER
                + " in " + cwd.toAbsolutePath().normalize() + " or any parent; set -D" + PROPERTY
                + "=<path to data> or " + ENV + "=<path to data>");
    }

    private static Path checkExplicit(Path dir, String source) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new IllegalStateException("LossForge data folder " + abs + " (from " + source + ") is not a directory");
        }
        return abs;
    }
}
