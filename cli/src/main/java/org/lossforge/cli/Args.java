package org.lossforge.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed {@code --key value} options. A key may repeat ({@code --param a=1 --param b=2}); a flag with no
 * value (followed by another {@code --key} or by the end) has value {@code "true"}. Words that are not
 * options are positionals, and so is every word after a bare {@code --}.
 */
public final class Args {
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    public static Args parse(String[] argv, int from) {
        Args a = new Args();
        for (int i = from; i < argv.length; i++) {
            String w = argv[i];
            if (w.equals("--")) {
                for (int j = i + 1; j < argv.length; j++) {
                    a.positionals.add(argv[j]);
                }
                break;
            }
            if (w.startsWith("--") && w.length() > 2) {
                String key = w.substring(2);
                String value = "true";
                int eq = key.indexOf('=');
                if (eq > 0) {
                    value = key.substring(eq + 1);
                    key = key.substring(0, eq);
                } else if (i + 1 < argv.length && !(argv[i + 1].startsWith("--") && argv[i + 1].length() > 2)) {
                    value = argv[++i];
                }
                a.options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } else {
                a.positionals.add(w);
            }
        }
        return a;
    }

    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** The single value of an option that must be present. */
    public String required(String key) {
        String v = get(key, null);
        if (v == null) {
            throw new CliException("missing required option --" + key);
        }
        return v;
    }

    /** The last value given for {@code key}, or {@code def}. */
    public String get(String key, String def) {
        List<String> v = options.get(key);
        return v == null || v.isEmpty() ? def : v.get(v.size() - 1);
    }

    public int getInt(String key, int def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new CliException("--" + key + " must be an integer, got '" + v + "'");
        }
    }

    public long getLong(String key, long def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new CliException("--" + key + " must be an integer, got '" + v + "'");
        }
    }

    /** Every value given for a repeatable option, in order. */
    public List<String> all(String key) {
        return Collections.unmodifiableList(options.getOrDefault(key, List.of()));
    }

    /** Comma-separated list option, trimmed, empty items dropped. */
    public List<String> list(String key, String def) {
        String v = get(key, def);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** {@code key=value} pairs of a repeatable option such as {@code --param}. */
    public Map<String, String> keyValues(String key) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String p : all(key)) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--" + key + " takes key=value, got '" + p + "'");
            }
            kv.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return kv;
    }

    /** The option names given, in order. */
    public java.util.Set<String> optionKeys() {
        return Collections.unmodifiableSet(options.keySet());
    }

    public List<String> positionals() {
        return Collections.unmodifiableList(positionals);
    }

    /** Fails on any option not in {@code known}, so typos are not silently ignored. */
    public void rejectUnknown(String... known) {
        List<String> k = List.of(known);
        for (String key : options.keySet()) {
            if (!k.contains(key)) {
                throw new CliException("unknown option --" + key + " (known: --" + String.join(", --", k) + ")");
            }
        }
    }
}
