package org.lossforge.core.loss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registry of the predictor losses by name, with string parameters (as they come from the command line,
 * a {@link LossSpec} or an event).
 *
 * <table>
 *   <caption>Names and parameters (defaults in brackets)</caption>
 *   <tr><td>mse</td><td>—</td></tr>
 *   <tr><td>hr</td><td>margin [0.1]</td></tr>
 *   <tr><td>lr</td><td>—</td></tr>
 *   <tr><td>mse_sr</td><td>lambda_mse [1.0], lambda_sr [0.1]</td></tr>
 *   <tr><td>listmle</td><td>temperature [1], reduction [sum | mean]</td></tr>
 *   <tr><td>ew</td><td>form [gmaenas | exp]</td></tr>
 *   <tr><td>mape</td><td>lower_bound [0.045]</td></tr>
 *   <tr><td>warp</td><td>margin [1.0], normalize [pairs | items | none]</td></tr>
 *   <tr><td>pw</td><td>warm, focus (required loss names), mode [epoch | size], at [0.5],
 *       warm.&lt;key&gt;, focus.&lt;key&gt; (parameters of the two parts)</td></tr>
 * </table>
 */
public final class Losses {

    private static final List<String> NAMES = List.of("mse", "hr", "lr", "mse_sr", "listmle", "ew", "mape", "warp", "pw");

    private Losses() {
    }

    /** All registry names, in a fixed order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The parameter keys {@code name} accepts (for pw: the plain keys; warm.* and focus.* are also accepted). */
    public static List<String> parameterKeys(String name) {
        switch (name) {
            case "hr":
                return List.of("margin");
            case "mse_sr":
                return List.of("lambda_mse", "lambda_sr");
            case "listmle":
                return List.of("temperature", "reduction");
            case "ew":
                return List.of("form");
            case "mape":
                return List.of("lower_bound");
            case "warp":
                return List.of("margin", "normalize");
            case "pw":
                return List.of("warm", "focus", "mode", "at");
            case "mse":
            case "lr":
                return List.of();
            default:
                throw unknownName(name);
        }
    }

    /**
     * Builds a loss. Unknown name or parameter key, or an unparsable value, throws
     * {@link IllegalArgumentException} (listing the known names/keys, or naming the key).
     */
    public static PredictorLoss create(String name, Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        if (name == null || !NAMES.contains(name)) {
            throw unknownName(name);
        }
        if (name.equals("pw")) {
            return createPiecewise(p);
        }
        Params a = new Params(name, p, parameterKeys(name));
        switch (name) {
            case "mse":
                return new Mse();
            case "hr":
                return new HingeRanking(a.number("margin", HingeRanking.DEFAULT_MARGIN));
            case "lr":
                return new LogisticRanking();
            case "mse_sr":
                return new MseSr(a.number("lambda_mse", MseSr.DEFAULT_LAMBDA_MSE),
                        a.number("lambda_sr", MseSr.DEFAULT_LAMBDA_SR));
            case "listmle":
                return new ListMle(a.number("temperature", ListMle.DEFAULT_TEMPERATURE),
                        a.choice("reduction", ListMle.DEFAULT_REDUCTION, "sum", "mean"));
            case "ew":
                return new ExpWeighted(a.choice("form", ExpWeighted.DEFAULT_FORM, "gmaenas", "exp"));
            case "mape":
                return new Mape(a.number("lower_bound", Mape.DEFAULT_LOWER_BOUND));
            case "warp":
                return new Warp(a.number("margin", Warp.DEFAULT_MARGIN),
                        a.choice("normalize", Warp.DEFAULT_NORMALIZE, "pairs", "items", "none"));
            default:
                throw unknownName(name);
        }
    }

    /** {@link #create(String, Map)} from a spec. */
    public static PredictorLoss create(LossSpec spec) {
        return create(spec.name(), spec.params());
    }

    private static PredictorLoss createPiecewise(Map<String, String> p) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> warmParams = new LinkedHashMap<>();
        Map<String, String> focusParams = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("warm.")) {
                warmParams.put(k.substring("warm.".length()), e.getValue());
            } else if (k.startsWith("focus.")) {
                focusParams.put(k.substring("focus.".length()), e.getValue());
            } else {
                plain.put(k, e.getValue());
            }
        }
        Params a = new Params("pw", plain, List.of("warm", "focus", "mode", "at"));
        String warmName = a.required("warm");
        String focusName = a.required("focus");
        Piecewise.Mode mode = Piecewise.Mode.parse(a.choice("mode", Piecewise.DEFAULT_MODE.toString(), "epoch", "size"));
        double at = a.number("at", Piecewise.DEFAULT_AT);
        return new Piecewise(part("warm", warmName, warmParams), part("focus", focusName, focusParams), mode, at);
    }

    private static PredictorLoss part(String role, String name, Map<String, String> params) {
        if ("pw".equals(name)) {
            throw new IllegalArgumentException("pw " + role + " loss cannot itself be pw");
        }
        try {
            return create(name, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pw " + role + " loss: " + e.getMessage(), e);
        }
    }

    /**
     * The paper's warm → focus pair for a search space (PWLNAS Sec. 4.3 / Supp. Table 9), as pw parameters:
     * nb201 (any dataset): hr (warm.margin=0.01, HR on UNIT labels) → mape; nb101: listmle → warp;
     * tnb101-micro / tnb101-macro: jigsaw mse → ew, other tasks hr → warp. Anything else throws.
     * The switch point (mode, at) is not part of the preset (the paper does not give it).
     */
    public static Map<String, String> pwPreset(String benchmark, String dataset) {
        String b = benchmark == null ? "" : benchmark.trim().toLowerCase(Locale.ROOT);
        Map<String, String> m = new LinkedHashMap<>();
        switch (b) {
            case "nb201":
                m.put("warm", "hr");
                m.put("focus", "mape");
                m.put("warm.margin", "0.01");
                return m;
            case "nb101":
                m.put("warm", "listmle");
                m.put("focus", "warp");
                return m;
            case "tnb101-micro":
            case "tnb101-macro":
                if (dataset == null || dataset.isBlank()) {
                    throw new IllegalArgumentException("pw preset for " + benchmark + " needs the task (dataset)");
                }
                boolean jigsaw = dataset.trim().equalsIgnoreCase("jigsaw");
                m.put("warm", jigsaw ? "mse" : "hr");
                m.put("focus", jigsaw ? "ew" : "warp");
                return m;
            default:
                throw new IllegalArgumentException("no pw preset for benchmark '" + benchmark
                        + "' (known: nb201, nb101, tnb101-micro, tnb101-macro)");
        }
    }

    private static IllegalArgumentException unknownName(String name) {
        return new IllegalArgumentException("unknown loss '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }

    /** String parameters of one loss: rejects unknown keys up front, parses values on demand. */
    private static final class Params {
        private final String loss;
        private final Map<String, String> values;

        Params(String loss, Map<String, String> values, List<String> known) {
            this.loss = loss;
            this.values = values;
            Set<String> unknown = new TreeSet<>(values.keySet());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                List<String> shown = new ArrayList<>(known);
                if (loss.equals("pw")) {
                    shown.add("warm.<key>");
                    shown.add("focus.<key>");
                }
                throw new IllegalArgumentException("unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + " for loss " + loss + " (known: "
                        + (shown.isEmpty() ? "none" : String.join(", ", shown)) + ")");
            }
        }

        double number(String key, double def) {
            String v = values.get(key);
            if (v == null) {
                return def;
            }
            double d;
            try {
                d = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter " + key + " of loss " + loss
                        + ": cannot parse '" + v + "' as a number");
            }
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("parameter " + key + " of loss " + loss
                        + ": must be a finite number, got '" + v + "'");
            }
            return d;
        }

        String choice(String key, String def, String... allowed) {
            String v = values.get(key);
            if (v == null) {
                return def;
            }
            String t = v.trim().toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(t)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("parameter " + key + " of loss " + loss + ": '" + v
                    + "' is not one of " + String.join(", ", allowed));
        }

        String required(String key) {
            String v = values.get(key);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("loss " + loss + " needs parameter " + key);
            }
            return v.trim();
        }
    }
}
