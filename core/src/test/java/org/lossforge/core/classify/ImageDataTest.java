package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossforge.core.bench.DataDir;

class ImageDataTest {

    @TempDir
    Path tmp;

    @Test
    void fashionMnistShapesLabelsAndBalance() {
        ImageData.Dataset d = ImageData.get(ImageData.FASHION_MNIST);
        check(d.train(), 6000, 1, 28, 600);
        check(d.test(), 2000, 1, 28, 200);
        assertEquals("Ankle boot", d.train().classes().get(9));
    }

    @Test
    void cifar10ShapesLabelsAndBalance() {
        ImageData.Dataset d = ImageData.get(ImageData.CIFAR10);
        check(d.train(), 8000, 3, 32, 800);
        check(d.test(), 2000, 3, 32, 200);
        assertEquals("truck", d.test().classes().get(9));
    }

    private static void check(ImageSet s, int n, int c, int hw, int perClass) {
        assertEquals(n, s.size());
        assertEquals(c, s.channels());
        assertEquals(hw, s.height());
        assertEquals(hw, s.width());
        int[] counts = new int[10];
        Arrays.fill(counts, perClass);
        assertArrayEquals(counts, s.classCounts());
        for (int i = 0; i < n; i++) {
            assertEquals(i % 10, s.label(i), "round-robin class order at " + i);
        }
        // not blank: the mean pixel of the first images is well inside (0, 255)
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            for (int y = 0; y < hw; y++) {
                for (int x = 0; x < hw; x++) {
                    sum += s.pixel(i, 0, y, x);
                }
            }
        }
        double mean = sum / (10.0 * hw * hw);
        assertTrue(mean > 20 && mean < 235, "mean pixel " + mean);
    }

    @Test
    void tamperedFileIsRefusedNamingTheFile() throws IOException {
        Path data = DataDir.resolve();
        for (String rel : new String[] {ImageData.FMNIST_TRAIN_IMAGES, ImageData.FMNIST_TRAIN_LABELS, ImageData.FMNIST_TEST_IMAGES,
                ImageData.FMNIST_TEST_LABELS}) {
            Path to = tmp.resolve(rel);
            Files.createDirectories(to.getParent());
            Files.copy(data.resolve(rel), to);
        }
        Path victim = tmp.resolve(ImageData.FMNIST_TEST_LABELS);
        byte[] b = Files.readAllBytes(victim);
        b[b.length - 5] ^= 1;
        Files.write(victim, b);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ImageData.load(ImageData.FASHION_MNIST, tmp));
        assertTrue(e.getMessage().contains("fmnist-test-2000-labels") && e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void unknownNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImageData.get("mnist"));
    }

    @Test
    void stratifiedSplitIsSeededBalancedAndDisjoint() {
        ImageSet train = ImageData.get(ImageData.FASHION_MNIST).train().head(1000);
        ImageSet.Split a = train.stratifiedSplit(20, 7);
        ImageSet.Split b = train.stratifiedSplit(20, 7);
        ImageSet.Split c = train.stratifiedSplit(20, 8);
        assertEquals(800, a.train().size());
        assertEquals(200, a.valid().size());
        int[] twenty = new int[10];
        Arrays.fill(twenty, 20);
        assertArrayEquals(twenty, a.valid().classCounts());
        assertArrayEquals(a.valid().pixelsRef(), b.valid().pixelsRef());
        assertTrue(!Arrays.equals(a.valid().pixelsRef(), c.valid().pixelsRef()));
    }

    /** The subsets hold the source images the README names (skipped when the shared folder is not beside the repo). */
    @Test
    void subsetsMatchTheSharedSources() throws IOException {
        Path shared = DataDir.resolve().toAbsolutePath().getParent().getParent().resolve("shared").resolve("data");
        Assumptions.assumeTrue(Files.isDirectory(shared.resolve("fashion-mnist")) && Files.isDirectory(shared.resolve("cifar-10")),
                "no shared data folder at " + shared);
        ImageData.Dataset fm = ImageData.get(ImageData.FASHION_MNIST);
        byte[] srcImg = ImageSubsetTool.readIdx(shared.resolve("fashion-mnist/t10k-images-idx3-ubyte.gz"), 0x803, 3);
        byte[] srcLab = ImageSubsetTool.readIdx(shared.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz"), 0x801, 1);
        int[] seen = new int[10];
        for (int i = 0; i < srcLab.length; i++) {
            int c = srcLab[i];
            if (seen[c] < 200) {
                int pos = seen[c]++ * 10 + c;
                assertArrayEquals(Arrays.copyOfRange(srcImg, i * 784, (i + 1) * 784),
                        Arrays.copyOfRange(fm.test().pixelsRef(), pos * 784, (pos + 1) * 784), "test image " + i);
            }
        }
        ImageSet cifar = ImageData.get(ImageData.CIFAR10).train();
        try (ZipFile z = new ZipFile(shared.resolve("cifar-10/cifar10_jpg.zip").toFile())) {
            for (int pos : new int[] {0, 1, 9, 4321, 7999}) {
                int c = pos % 10;
                int j = pos / 10;
                String name = String.format("train/%s/%04d.jpg", ImageData.CIFAR_CLASSES.get(c), j);
                BufferedImage im;
                try (InputStream in = z.getInputStream(z.getEntry(name))) {
                    im = ImageIO.read(in);
                }
                for (int y = 0; y < 32; y += 7) {
                    for (int x = 0; x < 32; x += 5) {
                        int rgb = im.getRGB(x, y);
                        assertEquals((rgb >> 16) & 255, cifar.pixel(pos, 0, y, x), name);
                        assertEquals((rgb >> 8) & 255, cifar.pixel(pos, 1, y, x), name);
                        assertEquals(rgb & 255, cifar.pixel(pos, 2, y, x), name);
                    }
                }
            }
        }
    }
}
