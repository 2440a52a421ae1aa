package org.lossforge.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * sha256 verification of the data files before they are parsed.
 *
 * <p>The expected sums are compiled in ({@link #EXPECTED}), so editing both a table and
 * {@code data/SHA256SUMS} still fails; a test keeps {@code SHA256SUMS} and these constants in step.
 * A file that passed is remembered per JVM (keyed by path, size and modification time), so repeated
 * loads do not re-hash it.
 */
public final class Checksums {

    /** Expected sha256 of every data file LossForge reads (benchmark tables, image subsets), by path relative to the data folder. */
    public static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("nas-bench-201/nats_bench.csv.gz",
                    "dcf87e37a224fe93789c7ac35745f956a3641fca17516625e16308e0f90e912a"),
            Map.entry("nas-bench-201/nb201_valid_acc_naslib.csv.gz",
                    "4186c9dbe402285ad33e261b1b18187e6540dab9fcd8456607c2b8f03b5b48fc"),
            Map.entry("nas-bench-101/nb101_subset30k_nasbenchvis.csv.gz",
                    "7dcfd9f8a3383f702bbd7c2491b8d24b5baae1656b91238a8ae63737185635d4"),
            Map.entry("nas-bench-101/nb101_space_423624_derived.csv.gz",
                    "b417c1df43dc7003b17b89b24bab73aca460e0f7351efae539b8614e7ed5cea5"),
            Map.entry("transnas-bench-101/tnb101_micro_valid_naslib.csv.gz",
                    "72f572ebd26ef28c2b755b0e725be5c0ea3e7f6e6e4df7899ac52e698300cdb8"),
            Map.entry("transnas-bench-101/tnb101_macro_valid_naslib.csv.gz",
                    "568794f2a3abea78786c72242ecea18fc5b66750da04287435953cd699428e22"),
            Map.entry("nas-bench-macro/nas_bench_macro_cifar10.csv.gz",
                    "a046c0a7d7dfad66a2479d370158145eba8d619a871471ac46656fc17b97ffe4"),
            Map.entry("fashion-mnist/fmnist-train-6000-images-idx3-ubyte.gz",
                    "96f184bee829eb23de0515f107bb6fd624c90dd2b8db990240f986cf684ac738"),
            Map.entry("fashion-mnist/fmnist-train-6000-labels-idx1-ubyte.gz",
                    "adad5fbcd4828e43e109241d27293bded6fcf11672f61d0a90d6580ac458da89"),
            Map.entry("fashion-mnist/fmnist-test-2000-images-idx3-ubyte.gz",
                    "d61eb1c12691c62c4b168a2486ab113de8785caeedfe6a0f37826763e5abbd9d"),
            Map.entry("fashion-mnist/fmnist-test-2000-labels-idx1-ubyte.gz",
                    "3c48d38753574cf26316edcb525f9efc3354f940f594752d44fd3e29d93f074c"),
            Map.entry("cifar-10/cifar10-train-8000.jpgpack",
                    "3693c1e5fa9ac350ab048d1c9f6655cba986c8a56692929a3e00e68bee64ac86"),
            Map.entry("cifar-10/cifar10-test-2000.jpgpack",
                    "cddc5dbb13a43eb94953f8295232a84753bc6a1d86ce9045bb268c1f83da9d2f"));

    /** Files verified in this JVM: "absolute path|size|mtime|expected sum". */
    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private Checksums() {}

    /**
     * The path of {@code relPath} inside {@code dataDir}, after checking its sha256 against
     * {@link #EXPECTED}. Throws {@link IllegalArgumentException} for a path with no expected sum and
     * {@link IllegalStateException} for a missing or altered file.
     */
    public static Path verified(Path dataDir, String relPath) {
        String expected = EXPECTED.get(relPath);
        if (expected == null) {
            throw new IllegalArgumentException("no expected sha256 for data file " + relPath
                    + "; known: " + new TreeMap<>(EXPECTED).keySet());
        }
        Path file = dataDir.resolve(relPath);
        verify(file, expected);
        return file;
    }

    /** Checks {@code file} against {@code expectedSha256} (lower-case hex); cached once it passed. */
    public static void verify(Path file, String expectedSha256) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalStateException("data file " + abs + " is missing");
        }
        String key;
        try {
            BasicFileAttributes attrs = Files.readAttributes(abs, BasicFileAttributes.class);
            key = abs + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis() + "|" + expectedSha256;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + abs, e);
        }
        if (VERIFIED.contains(key)) {
            return;
        }
        String actual = sha256(abs);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new IllegalStateException("checksum mismatch for data file " + abs + ": expected sha256 "
                    + expectedSha256 + ", actual " + actual + " (the file was altered or replaced)");
        }
        VERIFIED.add(key);
    }

    /** Lower-case hex sha256 of a file's bytes. */
    public static String sha256(Path file) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
