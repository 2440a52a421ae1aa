package org.lossforge.core.classify;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.lossforge.core.bench.Checksums;

/**
 * Regenerates the image subsets in {@code data/} from the project's shared data folder:
 *
 * <pre>
 * mvn -B -q -o -pl core compile
 * java -cp core/target/classes org.lossforge.core.classify.ImageSubsetTool ../shared/data data
 * </pre>
 *
 * <p>Both subsets are class-balanced and deterministic: the first N images of every class in the source order, then
 * interleaved round-robin over the classes (position {@code j·K + c} holds class c's j-th image), so every prefix of
 * a multiple of K images is balanced too. The source files are checked against their published sha256 first.
 *
 * <ul>
 *   <li>Fashion-MNIST: the first {@value #FMNIST_TRAIN_PER_CLASS} training and the first
 *       {@value #FMNIST_TEST_PER_CLASS} test images of every class, as gzipped IDX (images {@code idx3-ubyte},
 *       labels {@code idx1-ubyte}), pixels unchanged.</li>
 *   <li>CIFAR-10: the JPEG files {@code train/<class>/0000.jpg …} (first {@value #CIFAR_TRAIN_PER_CLASS} per class)
 *       and {@code test/<class>/0000.jpg …} (first {@value #CIFAR_TEST_PER_CLASS}), their bytes copied unchanged
 *       into one {@link ImageData#JPEG_PACK_MAGIC jpgpack} file per split (JPEG is 3× smaller than the decoded
 *       pixels and the source is JPEG already; decoding happens on load).</li>
 * </ul>
 *
 * <p>gzip is written with mtime 0 by {@link GZIPOutputStream}; the compressed bytes depend on the zlib build (the
 * uncompressed content does not), so a different zlib may give other {@code .gz} sums for identical images.
 */
public final class ImageSubsetTool {

    public static final int FMNIST_TRAIN_PER_CLASS = 600;
    public static final int FMNIST_TEST_PER_CLASS = 200;
    public static final int CIFAR_TRAIN_PER_CLASS = 800;
    public static final int CIFAR_TEST_PER_CLASS = 200;

    /** sha256 of the shared source files (shared/data/README.md). */
    static final String SRC_FMNIST_TRAIN_IMAGES = "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7";
    static final String SRC_FMNIST_TRAIN_LABELS = "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056";
    static final String SRC_FMNIST_TEST_IMAGES = "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa";
    static final String SRC_FMNIST_TEST_LABELS = "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05";
    static final String SRC_CIFAR_ZIP = "1f246f18ee1c4b008b72b11e5d912c2b6a325d41b34a6c0136bab1e640200198";

    private ImageSubsetTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ImageSubsetTool <shared data folder> <repository data folder>");
            System.exit(2);
        }
        Path src = Path.of(args[0]);
        Path dst = Path.of(args[1]);
        for (String rel : writeAll(src, dst)) {
            System.out.println(Checksums.sha256(dst.resolve(rel)) + "  " + rel);
        }
    }

    /** Writes every subset file; returns their paths relative to {@code dst}. */
    public static List<String> writeAll(Path src, Path dst) throws IOException {
        Path fm = src.resolve("fashion-mnist");
        Checksums.verify(fm.resolve("train-images-idx3-ubyte.gz"), SRC_FMNIST_TRAIN_IMAGES);
        Checksums.verify(fm.resolve("train-labels-idx1-ubyte.gz"), SRC_FMNIST_TRAIN_LABELS);
        Checksums.verify(fm.resolve("t10k-images-idx3-ubyte.gz"), SRC_FMNIST_TEST_IMAGES);
        Checksums.verify(fm.resolve("t10k-labels-idx1-ubyte.gz"), SRC_FMNIST_TEST_LABELS);
        Path zip = src.resolve("cifar-10").resolve("cifar10_jpg.zip");
        Checksums.verify(zip, SRC_CIFAR_ZIP);

        fmnist(fm.resolve("train-images-idx3-ubyte.gz"), fm.resolve("train-labels-idx1-ubyte.gz"), FMNIST_TRAIN_PER_CLASS,
                dst.resolve(ImageData.FMNIST_TRAIN_IMAGES), dst.resolve(ImageData.FMNIST_TRAIN_LABELS));
        fmnist(fm.resolve("t10k-images-idx3-ubyte.gz"), fm.resolve("t10k-labels-idx1-ubyte.gz"), FMNIST_TEST_PER_CLASS,
                dst.resolve(ImageData.FMNIST_TEST_IMAGES), dst.resolve(ImageData.FMNIST_TEST_LABELS));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            cifar(z, "train", CIFAR_TRAIN_PER_CLASS, dst.resolve(ImageData.CIFAR_TRAIN));
            cifar(z, "test", CIFAR_TEST_PER_CLASS, dst.resolve(ImageData.CIFAR_TEST));
        }
        return List.of(ImageData.FMNIST_TRAIN_IMAGES, ImageData.FMNIST_TRAIN_LABELS, ImageData.FMNIST_TEST_IMAGES,
                ImageData.FMNIST_TEST_LABELS, ImageData.CIFAR_TRAIN, ImageData.CIFAR_TEST);
    }

    private static void fmnist(Path images, Path labels, int perClass, Path outImages, Path outLabels) throws IOException {
        byte[] lab = readIdx(labels, 0x801, 1);
        byte[] img = readIdx(images, 0x803, 3);
        int n = lab.length;
        int pix = 28 * 28;
        if (img.length != n * pix) {
            throw new IOException(images + ": " + img.length + " pixel bytes for " + n + " labels");
        }
        int k = ImageData.FMNIST_CLASSES.size();
        int[][] picked = firstPerClass(lab, k, perClass, labels);
        byte[] outImg = new byte[k * perClass * pix];
        byte[] outLab = new byte[k * perClass];
        for (int j = 0; j < perClass; j++) {
            for (int c = 0; c < k; c++) {
                int pos = j * k + c;
                System.arraycopy(img, picked[c][j] * pix, outImg, pos * pix, pix);
                outLab[pos] = (byte) c;
            }
        }
        writeIdx(outImages, 0x803, new int[] {k * perClass, 28, 28}, outImg);
        writeIdx(outLabels, 0x801, new int[] {k * perClass}, outLab);
    }

    /** Indices of the first {@code perClass} items of each class, in source order. */
    private static int[][] firstPerClass(byte[] labels, int k, int perClass, Path what) throws IOException {
        int[][] picked = new int[k][perClass];
        int[] have = new int[k];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i] & 0xFF;
            if (c >= k) {
                throw new IOException(what + ": label " + c + " at " + i);
            }
            if (have[c] < perClass) {
                picked[c][have[c]++] = i;
            }
        }
        for (int c = 0; c < k; c++) {
            if (have[c] < perClass) {
                throw new IOException(what + ": class " + c + " has only " + have[c] + " items");
            }
        }
        return picked;
    }

    private static void cifar(ZipFile z, String split, int perClass, Path out) throws IOException {
        List<String> classes = ImageData.CIFAR_CLASSES;
        int k = classes.size();
        Files.createDirectories(out.getParent());
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(out)))) {
            o.write(ImageData.JPEG_PACK_MAGIC);
            o.writeInt(k * perClass);
            o.writeInt(k);
            for (String c : classes) {
                o.writeByte(c.length());
                o.writeBytes(c);
            }
            for (int j = 0; j < perClass; j++) {
                for (int c = 0; c < k; c++) {
                    String name = String.format(java.util.Locale.ROOT, "%s/%s/%04d.jpg", split, classes.get(c), j);
                    ZipEntry e = z.getEntry(name);
                    if (e == null) {
                        throw new IOException("no entry " + name + " in " + z.getName());
                    }
                    byte[] b;
                    try (InputStream in = z.getInputStream(e)) {
                        b = in.readAllBytes();
                    }
                    if (b.length > 0xFFFF) {
                        throw new IOException(name + " is larger than 65535 bytes");
                    }
                    o.writeByte(c);
                    o.writeShort(j);
                    o.writeShort(b.length);
                    o.write(b);
                }
            }
        }
    }

    static byte[] readIdx(Path file, int magic, int dims) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
            int m = in.readInt();
            if (m != magic) {
                throw new IOException(file + ": IDX magic " + Integer.toHexString(m) + ", expected " + Integer.toHexString(magic));
            }
            long len = 1;
            for (int d = 0; d < dims; d++) {
                len *= in.readInt();
            }
            byte[] b = new byte[Math.toIntExact(len)];
            in.readFully(b);
            if (in.read() != -1) {
                throw new IOException(file + ": trailing bytes after " + len + " values");
            }
            return b;
        }
    }

    private static void writeIdx(Path file, int magic, int[] dims, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(raw)) {
            o.writeInt(magic);
            for (int d : dims) {
                o.writeInt(d);
            }
            o.write(data);
        }
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(9);
            }
        }) {
            raw.writeTo(o);
        }
    }
}
