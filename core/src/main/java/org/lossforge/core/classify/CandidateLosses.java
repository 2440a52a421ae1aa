package org.lossforge.core.classify;

import java.util.Locale;

import org.lossforge.core.nlfs.Nlfs;
import org.lossforge.core.nlfs.NlfsLoss;

/**
 * A classification loss from its text, as a person or the evolver submits it: a baseline by name ({@code ce} /
 * {@code cross-entropy}, {@code baikal}) or a loss-cell expression, screened by {@link Nlfs#check} (parse, cell,
 * integrity check) and trained with the check's flip. Used by {@code ./lossforge surrogate} and the trainer's
 * surrogate jobs, so both train the same thing for the same text.
 */
public final class CandidateLosses {

    private CandidateLosses() {
    }

    /** The baseline's canonical name ({@code ce} or {@code baikal}) or null when {@code spec} is no baseline (or null). */
    public static String baseline(String spec) {
        if (spec == null) {
            return null;
        }
        return switch (spec.strip().toLowerCase(Locale.ROOT)) {
            case "ce", "cross-entropy" -> "ce";
            case "baikal" -> "baikal";
            default -> null;
        };
    }

    /**
     * The loss of {@code spec}, printed as its canonical expression ({@code -(…)} when the integrity check flipped it).
     *
     * @throws IllegalArgumentException with the parse error (and its position) or the integrity check's reason
     */
    public static NamedLoss of(String spec, String name) {
        String b = baseline(spec);
        if (b != null) {
            return b.equals("ce") ? Baselines.crossEntropy() : Baselines.baikal();
        }
        Nlfs.Checked c = Nlfs.check(spec);
        if (!c.valid()) {
            throw new IllegalArgumentException(c.reason());
        }
        NlfsLoss cell = new NlfsLoss(c.cell(), c.flip(), 0);
        return new NamedLoss(name, printed(c), cell::evaluate);
    }

    /** The text a valid checked expression is ranked and reported under. */
    public static String printed(Nlfs.Checked c) {
        String text = c.canonical().text();
        return c.flip() ? "-(" + text + ")" : text;
    }
}
