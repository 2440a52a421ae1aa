package org.lossforge.core.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A loss name with its string parameters in a fixed order, written {@code name} or
 * {@code name:key=value,key=value} (e.g. {@code hr:margin=0.05}, {@code pw:warm=hr,focus=mape,warm.margin=0.01}).
 * {@link #toString()} writes that form and {@link #parse(String)} reads it back. Keys may not contain
 * {@code , = :}, values may not contain {@code ,}; surrounding blanks are dropped by parse.
 * The spec is not validated against the registry until {@link #create()}.
 */
public record LossSpec(String name, Map<String, String> params) {

    public LossSpec {
        if (name == null || name.isBlank() || name.contains(":") || name.contains(",") || name.contains("=")) {
            throw new IllegalArgumentException("bad loss name '" + name + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (params != null) {
            for (Map.Entry<String, String> e : params.entrySet()) {
                String k = e.getKey();
                String v = e.getValue();
                if (k == null || k.isBlank() || k.contains(",") || k.contains("=") || k.contains(":")) {
                    throw new IllegalArgumentException("bad parameter key '" + k + "' in loss spec " + name);
                }
                if (v == null || v.contains(",")) {
                    throw new IllegalArgumentException("bad value '" + v + "' for parameter " + k + " in loss spec "
                            + name + " (values may not contain ',')");
                }
                copy.put(k, v);
            }
        }
        params = Collections.unmodifiableMap(copy);
    }

    /** A spec without parameters. */
    public static LossSpec of(String name) {
        return new LossSpec(name, Map.of());
    }

    /** Reads {@code name} or {@code name:k=v,k=v}. */
    public static LossSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty loss spec");
        }
        String s = text.trim();
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new LossSpec(s, Map.of());
        }
        String name = s.substring(0, colon).trim();
        Map<String, String> params = new LinkedHashMap<>();
        String rest = s.substring(colon + 1);
        if (!rest.isBlank()) {
            for (String item : rest.split(",", -1)) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("loss spec '" + text + "': expected key=value, got '" + item + "'");
                }
                String key = item.substring(0, eq).trim();
                if (params.put(key, item.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("loss spec '" + text + "': parameter " + key + " given twice");
                }
            }
        }
        return new LossSpec(name, params);
    }

    /** The loss this spec names, from {@link Losses#create(String, Map)}. */
    public PredictorLoss create() {
        return Losses.create(name, params);
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return name;
        }
        StringJoiner j = new StringJoiner(",", name + ":", "");
        params.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
