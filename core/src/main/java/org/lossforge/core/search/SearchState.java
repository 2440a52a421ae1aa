package org.lossforge.core.search;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole memory of one search run, small and immutable: its configuration, its seed, the round counter, the
 * queried architectures in query order with the value each query returned (the train metric, i.e. validation
 * accuracy), and what {@code pw_adaptive} has learnt so far (the held-out τ of each evaluation, the size at which it
 * switched). {@link SearchStep} depends on nothing else, so a controller that persists this after every round
 * ({@link #toText()}, {@link #parse(String)}) and restarts continues the same trajectory without re-querying.
 *
 * <p>Architectures are the benchmark's stable indices (row order of its canonical table).
 *
 * @param config     the run's configuration
 * @param seed       the run seed (see {@link SearchSeeds#run})
 * @param round      rounds completed (0 = nothing queried yet; round 0 queries the N0 random architectures)
 * @param queried    architecture indices in query order, no repeats, at most {@code config.budget()}
 * @param values     the train-metric value each query returned, same order
 * @param heldOutTau pw_adaptive: Kendall τ-b of the warm loss on the held-out part, one per evaluation (NaN when
 *                   undefined); empty for other methods
 * @param switchedAt pw_adaptive: |D| at which the focus loss took over, 0 while still warm; 0 for other methods
 */
public record SearchState(SearchConfig config, long seed, int round, int[] queried, double[] values, double[] heldOutTau,
                          int switchedAt) {

    /** First line of the text form. */
    public static final String HEADER = "lossforge-search-state 1";

    public SearchState {
        Objects.requireNonNull(config, "config");
        queried = queried.clone();
        values = values.clone();
        heldOutTau = heldOutTau.clone();
        if (queried.length != values.length) {
            throw new IllegalArgumentException("need one value per queried architecture");
        }
        if (queried.length > config.budget()) {
            throw new IllegalArgumentException(queried.length + " queries exceed the budget " + config.budget());
        }
        if (Arrays.stream(queried).distinct().count() != queried.length) {
            throw new IllegalArgumentException("an architecture was queried twice");
        }
        if (round < 0 || switchedAt < 0) {
            throw new IllegalArgumentException("round and switchedAt must be >= 0");
        }
    }

    /** The state of a run before its first query. */
    public static SearchState start(SearchConfig config, long seed) {
        return new SearchState(config, seed, 0, new int[0], new double[0], new double[0], 0);
    }

    /** |D|, the number of architectures queried so far. */
    public int size() {
        return queried.length;
    }

    /** Whether the budget is spent. */
    public boolean done() {
        return queried.length >= config.budget();
    }

    @Override
    public int[] queried() {
        return queried.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] heldOutTau() {
        return heldOutTau.clone();
    }

    int queriedAt(int i) {
        return queried[i];
    }

    double valueAt(int i) {
        return values[i];
    }

    /**
     * The state after a round: the proposal's queries appended with the values they returned, the round counter
     * advanced, and the proposal's pw_adaptive bookkeeping recorded.
     */
    public SearchState advance(Proposal p, double[] returned) {
        int[] q = p.queries();
        if (returned.length != q.length) {
            throw new IllegalArgumentException("need one returned value per proposed query");
        }
        if (p.round() != round) {
            throw new IllegalArgumentException("proposal of round " + p.round() + " applied to a state at round " + round);
        }
        int n = queried.length;
        int[] nq = Arrays.copyOf(queried, n + q.length);
        double[] nv = Arrays.copyOf(values, n + q.length);
        System.arraycopy(q, 0, nq, n, q.length);
        System.arraycopy(returned, 0, nv, n, q.length);
        double[] tau = heldOutTau;
        if (p.tauEvaluated()) {
            tau = Arrays.copyOf(heldOutTau, heldOutTau.length + 1);
            tau[heldOutTau.length] = p.heldOutTau();
        }
        return new SearchState(config, seed, round + 1, nq, nv, tau, p.switchedAt());
    }

    /**
     * Position in D of the best architecture among the first {@code q} queries by the train metric (validation);
     * ties go to the earlier query.
     */
    public int bestPosition(int q) {
        if (q < 1 || q > queried.length) {
            throw new IllegalArgumentException("need 1 <= q <= " + queried.length + ", got " + q);
        }
        int best = 0;
        for (int i = 1; i < q; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The text form: a header line, then {@code key=value} lines (config keys prefixed {@code config.}). */
    public String toText() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        config.toMap().forEach((k, v) -> b.append("config.").append(k).append('=').append(v).append('\n'));
        b.append("seed=").append(seed).append('\n');
        b.append("round=").append(round).append('\n');
        b.append("queried=").append(join(Arrays.stream(queried).mapToObj(Integer::toString).toArray(String[]::new))).append('\n');
        b.append("values=").append(join(Arrays.stream(values).mapToObj(Double::toString).toArray(String[]::new))).append('\n');
        b.append("held_out_tau=").append(join(Arrays.stream(heldOutTau).mapToObj(Double::toString).toArray(String[]::new)))
                .append('\n');
        b.append("switched_at=").append(switchedAt).append('\n');
        return b.toString();
    }

    /** Reads {@link #toText()}; malformed text throws {@link IllegalArgumentException} naming the line or key. */
    public static SearchState parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
            throw new IllegalArgumentException("not a search state (first line should be '" + HEADER + "')");
        }
        Map<String, String> cfg = new LinkedHashMap<>();
        Map<String, String> own = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("search state line " + (i + 1) + " is not key=value: " + l);
            }
            String k = l.substring(0, eq), v = l.substring(eq + 1);
            if (k.startsWith("config.")) {
                cfg.put(k.substring("config.".length()), v);
            } else {
                own.put(k, v);
            }
        }
        try {
            SearchConfig c = SearchConfig.fromMap(cfg, null);
            return new SearchState(c, Long.parseLong(req(own, "seed")), Integer.parseInt(req(own, "round")),
                    Arrays.stream(split(req(own, "queried"))).mapToInt(Integer::parseInt).toArray(),
                    Arrays.stream(split(req(own, "values"))).mapToDouble(Double::parseDouble).toArray(),
                    Arrays.stream(split(req(own, "held_out_tau"))).mapToDouble(Double::parseDouble).toArray(),
                    Integer.parseInt(req(own, "switched_at")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("search state has a malformed number: " + e.getMessage());
        }
    }

    private static String req(Map<String, String> m, String k) {
        String v = m.get(k);
        if (v == null) {
            throw new IllegalArgumentException("search state lacks " + k);
        }
        return v.trim();
    }

    private static String join(String[] parts) {
        return String.join(",", parts);
    }

    private static String[] split(String s) {
        return s.isEmpty() ? new String[0] : s.split(",");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchState s && config.equals(s.config) && seed == s.seed && round == s.round
                && Arrays.equals(queried, s.queried) && Arrays.equals(values, s.values)
                && Arrays.equals(heldOutTau, s.heldOutTau) && switchedAt == s.switchedAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, seed, round, Arrays.hashCode(queried), Arrays.hashCode(values),
                Arrays.hashCode(heldOutTau), switchedAt);
    }

    @Override
    public String toString() {
        return "SearchState[" + config.method() + " " + config.benchmark() + "/" + config.dataset() + ", seed " + seed
                + ", round " + round + ", |D| " + queried.length + "/" + config.budget() + "]";
    }
}
