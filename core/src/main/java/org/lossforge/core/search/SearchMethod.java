package org.lossforge.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The search methods compared side by side (same run seeds, same first {@code N0} random queries):
 * <ul>
 *   <li>{@code random}: random search (unqueried architectures, uniformly);</li>
 *   <li>{@code re}: regularized evolution over architectures (aging population, tournament, one mutation);</li>
 *   <li>{@code mse}, {@code hr}: a fresh predictor per round trained with MSE / hinge ranking;</li>
 *   <li>{@code pw}: the piecewise loss of PWLNAS (per-space warm → focus pair), switched when |D| reaches the
 *       configured size;</li>
 *   <li>{@code pw_adaptive}: the same pair, switched when the warm loss stops improving Kendall τ on a
 *       held-out part of D ({@link AdaptiveSwitch}).</li>
 * </ul>
 */
public enum SearchMethod {
    RANDOM, RE, MSE, HR, PW, PW_ADAPTIVE;

    /** Command-line / report name: random, re, mse, hr, pw, pw_adaptive. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the method trains a predictor every round. */
    public boolean usesPredictor() {
        return this != RANDOM && this != RE;
    }

    public static SearchMethod parse(String s) {
        if (s != null) {
            for (SearchMethod m : values()) {
                if (m.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown search method '" + s + "' (known: " + String.join(", ", ids()) + ")");
    }

    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (SearchMethod m : values()) {
            out.add(m.id());
        }
        return out;
    }

    @Override
    public String toString() {
        return id();
    }
}
