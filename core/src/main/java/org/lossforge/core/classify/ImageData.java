package org.lossforge.core.classify;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.lossforge.core.bench.Checksums;
import org.lossforge.core.bench.DataDir;

/**
 * The image subsets in {@code data/} ({@code data/README.md}; made by {@link ImageSubsetTool}): a Fashion-MNIST and a
 * CIFAR-10 subset, each a training and a test set. Every file's sha256 is checked before it is parsed
 * ({@link Checksums}); the CIFAR-10 JPEGs are decoded with the JDK's ImageIO and the decoded pixels are checked
 * too ({@link #DECODED_SHA256}), so a different JPEG decoder cannot silently change the data.
 */
public final class ImageData {

    /** Data set names for {@link #get(String)}. */
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String CIFAR10 = "cifar10";
    public static final List<String> NAMES = List.of(FASHION_MNIST, CIFAR10);

    public static final String FMNIST_TRAIN_IMAGES = "fashion-mnist/fmnist-train-6000-images-idx3-ubyte.gz";
    public static final String FMNIST_TRAIN_LABELS = "fashion-mnist/fmnist-train-6000-labels-idx1-ubyte.gz";
    public static final String FMNIST_TEST_IMAGES = "fashion-mnist/fmnist-test-2000-images-idx3-ubyte.gz";
    public static final String FMNIST_TEST_LABELS = "fashion-mnist/fmnist-test-2000-labels-idx1-ubyte.gz";
    public static final String CIFAR_TRAIN = "cifar-10/cifar10-train-8000.jpgpack";
    public static final String CIFAR_TEST = "cifar-10/cifar10-test-2000.jpgpack";

    /** First 8 bytes of a jpgpack file. */
    static final byte[] JPEG_PACK_MAGIC = "LFJPGPK1".getBytes(StandardCharsets.US_ASCII);

    /** sha256 of the decoded CIFAR-10 pixels (NCHW uint8, in file order), by file. */
    static final Map<String, String> DECODED_SHA256 = Map.of(
            CIFAR_TRAIN, "0dd07e060a724328a24caec8876cf71f93894ad7a074d90dcc172d548eb4b5e4",
            CIFAR_TEST, "0851c7184faa256033cd9df6ec940bbb2f350e6f3a05a284e5cd37ae7c9386bc");

    public static final List<String> FMNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** CIFAR-10's label order (alphabetical, as in the original batches). */
    public static final List<String> CIFAR_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();

    private ImageData() {
    }

    /** A data set's training and test images. */
    public record Dataset(String name, ImageSet train, ImageSet test) {
        public int numClasses() {
            return train.numClasses();
        }
    }

    /** The named data set from the repository's data folder, loaded once per JVM. */
    public static Dataset get(String name) {
        return CACHE.computeIfAbsent(check(name), n -> load(n, DataDir.resolve()));
    }

    /** Loads the named data set from {@code dataDir} (no cache). */
    public static Dataset load(String name, Path dataDir) {
        try {
            return switch (check(name)) {
                case FASHION_MNIST -> new Dataset(name,
                        idx(dataDir, FMNIST_TRAIN_IMAGES, FMNIST_TRAIN_LABELS, "fashion-mnist/train"),
                        idx(dataDir, FMNIST_TEST_IMAGES, FMNIST_TEST_LABELS, "fashion-mnist/test"));
                case CIFAR10 -> new Dataset(name, jpegPack(dataDir, CIFAR_TRAIN, "cifar10/train"),
                        jpegPack(dataDir, CIFAR_TEST, "cifar10/test"));
                default -> throw new AssertionError(name);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image data set " + name + " from " + dataDir, e);
        }
    }

    private static String check(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown image data set '" + name + "'; known: " + String.join(", ", NAMES));
        }
        return name;
    }

    private static ImageSet idx(Path dataDir, String images, String labels, String setName) throws IOException {
        byte[] lab = ImageSubsetTool.readIdx(Checksums.verified(dataDir, labels), 0x801, 1);
        byte[] img = ImageSubsetTool.readIdx(Checksums.verified(dataDir, images), 0x803, 3);
        return new ImageSet(setName, 1, 28, 28, FMNIST_CLASSES, img, lab);
    }

    private static ImageSet jpegPack(Path dataDir, String rel, String setName) throws IOException {
        Path file = Checksums.verified(dataDir, rel);
        ImageIO.setUseCache(false);
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[JPEG_PACK_MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, JPEG_PACK_MAGIC)) {
                throw new IOException(file + " is not a jpgpack file");
            }
            int n = in.readInt();
            int k = in.readInt();
            List<String> classes = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                byte[] s = new byte[in.readUnsignedByte()];
                in.readFully(s);
                classes.add(new String(s, StandardCharsets.US_ASCII));
            }
            if (!classes.equals(CIFAR_CLASSES)) {
                throw new IOException(file + ": classes " + classes + ", expected " + CIFAR_CLASSES);
            }
            int h = 32;
            int w = 32;
            byte[] pixels = new byte[n * 3 * h * w];
            byte[] labels = new byte[n];
            int[] rgb = new int[h * w];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) in.readUnsignedByte();
                in.readUnsignedShort(); // index of the source file within its class (provenance only)
                byte[] jpg = new byte[in.readUnsignedShort()];
                in.readFully(jpg);
                BufferedImage im = ImageIO.read(new ByteArrayInputStream(jpg));
                if (im == null || im.getWidth() != w || im.getHeight() != h) {
                    throw new IOException(file + ": image " + i + " does not decode as a " + w + "x" + h + " JPEG");
                }
                im.getRGB(0, 0, w, h, rgb, 0, w);
                int base = i * 3 * h * w;
                for (int p = 0; p < h * w; p++) {
                    int v = rgb[p];
                    pixels[base + p] = (byte) (v >> 16);
                    pixels[base + h * w + p] = (byte) (v >> 8);
                    pixels[base + 2 * h * w + p] = (byte) v;
                }
            }
            if (in.read() != -1) {
                throw new IOException(file + ": trailing bytes after " + n + " images");
            }
            String expected = DECODED_SHA256.get(rel);
            String actual = sha256(pixels);
            if (!actual.equals(expected)) {
                throw new IllegalStateException("decoded pixels of " + file + " have sha256 " + actual + ", expected " + expected
                        + " (this JDK's JPEG decoder gives different pixels)");
            }
            return new ImageSet(setName, 3, h, w, classes, pixels, labels);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
