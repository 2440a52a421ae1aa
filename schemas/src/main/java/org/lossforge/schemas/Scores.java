package org.lossforge.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@link ScoreEncoding#F32LE} layout of {@link PredictionSet#getScores()}: {@code count} IEEE-754 float32
 * values, little-endian, no header, in architecture-index order.
 */
public final class Scores {
    private Scores() {}

    public static ByteBuffer encode(float[] scores) {
        ByteBuffer b = ByteBuffer.allocate(4 * scores.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(scores);
        return b;
    }

    /** Narrows each score to float32 (predictors compute in float32, so nothing is lost for them). */
    public static ByteBuffer encode(double[] scores) {
        float[] f = new float[scores.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) scores[i];
        }
        return encode(f);
    }

    /** Reads the remaining bytes of {@code bytes} (its position is left as it was). */
    public static float[] decode(ByteBuffer bytes, ScoreEncoding encoding, int count) {
        if (encoding != ScoreEncoding.F32LE) {
            throw new IllegalArgumentException("unknown score encoding " + encoding);
        }
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != 4L * count) {
            throw new IllegalArgumentException("expected " + 4L * count + " bytes for " + count + " F32LE scores, got "
                    + b.remaining());
        }
        float[] out = new float[count];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** The scores of a prediction set, widened to double (the form core's metrics take). */
    public static double[] decode(PredictionSet p) {
        float[] f = decode(p.getScores(), p.getEncoding(), p.getCount());
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
