package org.lossforge.core.classify;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Labelled images in memory: uint8 pixels in NCHW order (image i's channel c, row y, column x at
 * {@code ((i·C + c)·H + y)·W + x}) and one class index per image. Immutable; {@link #subset} copies.
 */
public final class ImageSet {

    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classes;
    private final byte[] pixels;
    private final byte[] labels;

    public ImageSet(String name, int channels, int height, int width, List<String> classes, byte[] pixels, byte[] labels) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad image shape " + channels + "x" + height + "x" + width);
        }
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes for " + labels.length + " images of "
                    + channels + "x" + height + "x" + width);
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xFF) >= classes.size()) {
                throw new IllegalArgumentException(name + ": label " + (labels[i] & 0xFF) + " of image " + i + " but "
                        + classes.size() + " classes");
            }
        }
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = List.copyOf(classes);
        this.pixels = pixels;
        this.labels = labels;
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int imageBytes() {
        return channels * height * width;
    }

    public List<String> classes() {
        return classes;
    }

    public int numClasses() {
        return classes.size();
    }

    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** Pixel value 0–255 of image i at (channel, row, column). */
    public int pixel(int i, int c, int y, int x) {
        return pixels[((i * channels + c) * height + y) * width + x] & 0xFF;
    }

    /** A copy of the labels as ints. */
    public int[] labels() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
    }

    /** Number of images per class. */
    public int[] classCounts() {
        int[] n = new int[classes.size()];
        for (byte b : labels) {
            n[b & 0xFF]++;
        }
        return n;
    }

    /** The raw pixel bytes (shared, do not modify). */
    byte[] pixelsRef() {
        return pixels;
    }

    /** The images {@code idx} (in that order) as a new set. */
    public ImageSet subset(String subsetName, int[] idx) {
        int ib = imageBytes();
        byte[] p = new byte[idx.length * ib];
        byte[] l = new byte[idx.length];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(pixels, idx[k] * ib, p, k * ib, ib);
            l[k] = labels[idx[k]];
        }
        return new ImageSet(subsetName, channels, height, width, classes, p, l);
    }

    /** The first n images (the stored subsets are interleaved by class, so a prefix of a multiple of K is balanced). */
    public ImageSet head(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("cannot take " + n + " of " + size() + " images of " + name);
        }
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return n == size() ? this : subset(name + "[:" + n + "]", idx);
    }

    /**
     * A seeded class-stratified split: {@code validPerClass} images of every class go to the validation set, the rest
     * to training; both keep the stored order. Same seed, same split.
     */
    public Split stratifiedSplit(int validPerClass, long seed) {
        int k = numClasses();
        int[] counts = classCounts();
        for (int c = 0; c < k; c++) {
            if (counts[c] <= validPerClass) {
                throw new IllegalArgumentException(name + ": class " + classes.get(c) + " has " + counts[c]
                        + " images, cannot hold out " + validPerClass);
            }
        }
        boolean[] valid = new boolean[size()];
        SplittableRandom r = new SplittableRandom(seed);
        for (int c = 0; c < k; c++) {
            int[] members = new int[counts[c]];
            int m = 0;
            for (int i = 0; i < size(); i++) {
                if (label(i) == c) {
                    members[m++] = i;
                }
            }
            // partial Fisher–Yates: the first validPerClass of a seeded shuffle
            for (int j = 0; j < validPerClass; j++) {
                int s = j + r.nextInt(members.length - j);
                int t = members[j];
                members[j] = members[s];
                members[s] = t;
                valid[members[j]] = true;
            }
        }
        int nv = validPerClass * k;
        int[] tr = new int[size() - nv];
        int[] va = new int[nv];
        int a = 0;
        int b = 0;
        for (int i = 0; i < size(); i++) {
            if (valid[i]) {
                va[b++] = i;
            } else {
                tr[a++] = i;
            }
        }
        return new Split(subset(name + "/fit", tr), subset(name + "/valid", va));
    }

    /** A training set and the validation set held out of it. */
    public record Split(ImageSet train, ImageSet valid) {
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images " + channels + "x" + height + "x" + width + ", " + numClasses() + " classes)";
    }
}
