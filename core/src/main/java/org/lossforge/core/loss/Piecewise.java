package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * PW, the piecewise loss of PWLNAS: a warm-up loss while data (or training) is early, then a focus loss.
 * <ul>
 *   <li>mode "epoch" (default): warm while {@code ctx.epoch() < switchEpoch}, else focus, where
 *       {@code switchEpoch = at} if {@code at ≥ 1} (then {@code at} must be a whole number) else
 *       {@code Math.round(at · ctx.epochs())} (half rounds up); default at = 0.5;</li>
 *   <li>mode "size": warm while {@code ctx.trainSize() ≤ at}, else focus (the paper's "|D| ≤ q_w").</li>
 * </ul>
 * The label scale is the focus loss's: the warm loss is evaluated on the focus loss's labels (e.g. for
 * NB201 HR runs on UNIT labels, hence its smaller margin 0.01 in {@link Losses#pwPreset}).
 */
public final class Piecewise implements PredictorLoss {

    /** How the switch point is measured. */
    public enum Mode {
        EPOCH, SIZE;

        public static Mode parse(String s) {
            if (s != null) {
                for (Mode m : values()) {
                    if (m.name().equalsIgnoreCase(s.trim())) {
                        return m;
                    }
                }
            }
            throw new IllegalArgumentException("pw mode must be epoch or size, got '" + s + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Mode DEFAULT_MODE = Mode.EPOCH;
    public static final double DEFAULT_AT = 0.5;

    private final PredictorLoss warm;
    private final PredictorLoss focus;
    private final Mode mode;
    private final double at;

    public Piecewise(PredictorLoss warm, PredictorLoss focus) {
        this(warm, focus, DEFAULT_MODE, DEFAULT_AT);
    }

    public Piecewise(PredictorLoss warm, PredictorLoss focus, Mode mode, double at) {
        if (warm == null || focus == null || mode == null) {
            throw new IllegalArgumentException("pw needs a warm loss, a focus loss and a mode");
        }
        if (!(at >= 0) || !Double.isFinite(at)) {
            throw new IllegalArgumentException("pw at must be a finite number >= 0, got " + at);
        }
        if (mode == Mode.EPOCH && at >= 1 && at != Math.rint(at)) {
            throw new IllegalArgumentException("pw at must be a whole epoch number when >= 1 (or a fraction of the"
                    + " epochs below 1), got " + at);
        }
        this.warm = warm;
        this.focus = focus;
        this.mode = mode;
        this.at = at;
    }

    public PredictorLoss warm() {
        return warm;
    }

    public PredictorLoss focus() {
        return focus;
    }

    public Mode mode() {
        return mode;
    }

    public double at() {
        return at;
    }

    /** The first epoch that uses the focus loss in a fit of {@code epochs} epochs (epoch mode). */
    public int switchEpoch(int epochs) {
        return at >= 1 ? (int) at : (int) Math.round(at * epochs);
    }

    /** True when the warm loss is the active part in {@code ctx}. */
    public boolean warmActive(LossContext ctx) {
        return mode == Mode.SIZE ? ctx.trainSize() <= at : ctx.epoch() < switchEpoch(ctx.epochs());
    }

    /** The part that {@link #evaluate} uses in {@code ctx}. */
    public PredictorLoss active(LossContext ctx) {
        return warmActive(ctx) ? warm : focus;
    }

    @Override
    public String name() {
        return "pw";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        return active(ctx).evaluate(pred, truth, ctx);
    }

    @Override
    public LabelScale labelScale() {
        return focus.labelScale();
    }

    @Override
    public String toString() {
        return "pw(warm=" + warm + ", focus=" + focus + ", mode=" + mode + ", at=" + at + ")";
    }
}
