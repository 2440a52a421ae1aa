package org.lossforge.ranker.query;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.lossforge.schemas.MetricNames;

/**
 * A metric to rank by: one of {@link MetricNames#ALL}, and whether lower is better.
 *
 * <p>{@link #parse} accepts the schema name ({@code kendallTauB}) and the same name in any case with underscores or
 * dashes ({@code kendall_tau_b}, {@code REGRET_10}), plus the short alias {@code tau} (Kendall's tau-b, the default).
 * N@K ({@code n1}, {@code n5}, {@code n10}: a true rank), {@code regret10}, a search's {@code bestTestError} and an NLFS
 * candidate's {@code trainSeconds} are better when lower; the correlations, the precisions and an NLFS candidate's
 * {@code fitness} (best validation accuracy) are better when higher.
 */
public record Metric(String name, boolean lowerIsBetter) {

    /** True ranks (N@K), regret, a search's error and a surrogate's wall time: smaller is better. */
    static final Set<String> LOWER_IS_BETTER = Set.of("n1", "n5", "n10", "regret10", "bestTestError", "trainSeconds");

    private static final Map<String, String> ALIASES = Map.of("tau", "kendallTauB", "kendalltau", "kendallTauB",
            "rho", "spearman");

    /** Kendall's tau-b, higher is better. Declared after the tables {@link #parse} reads. */
    public static final Metric DEFAULT = parse("kendallTauB");

    public Metric {
        if (!MetricNames.ALL.contains(name)) {
            throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + MetricNames.ALL);
        }
    }

    /** The metric named {@code text}; {@link #DEFAULT} when blank. */
    public static Metric parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String folded = fold(text);
        String name = ALIASES.get(folded);
        if (name == null) {
            name = MetricNames.ALL.stream().filter(n -> fold(n).equals(folded)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + text + "'; known: "
                            + MetricNames.ALL + " (any case, '_' allowed, e.g. kendall_tau_b), or 'tau'"));
        }
        return new Metric(name, LOWER_IS_BETTER.contains(name));
    }

    /** The order a ranking uses unless told otherwise: ascending when lower is better. */
    public SortOrder defaultOrder() {
        return lowerIsBetter ? SortOrder.ASC : SortOrder.DESC;
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").trim();
    }
}
