package org.lossforge.core.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.predictor.PredictorConfig;

/**
 * Everything that decides one search run besides its seed. Written to and read from a flat {@code key=value} map
 * ({@link #toMap()}, {@link #fromMap}), which is also the form the command line and a persisted {@link SearchState}
 * use. Defaults (NPENAS's loop): N0 = 10 random queries, 100 candidates per round of which 10 random, parents =
 * the 10 best of D, k = 10 queries per round, budget 150 on nb101 and 100 elsewhere.
 *
 * @param benchmark        benchmark name (nb201, nb101, tnb101-micro, …)
 * @param dataset          dataset / task of the benchmark
 * @param method           the search method
 * @param budget           total number of architectures queried (never exceeded)
 * @param initial          N0, random architectures queried first
 * @param candidates       candidates scored per predictor round (mutants of the parents plus random ones)
 * @param randomCandidates how many of the candidates are uniformly random unqueried architectures
 * @param parents          how many of the best architectures in D are mutated into candidates
 * @param topK             k, architectures queried per predictor / random-search round
 * @param pwSwitch         pw: |D| from which the focus loss is used (warm while |D| &lt; pwSwitch)
 * @param pwLoss           pw / pw_adaptive: a pw loss spec overriding the space's preset pair ("" = preset)
 * @param holdout          pw_adaptive: fraction of D held out to measure the warm loss's Kendall τ
 * @param adaptiveMinSize  pw_adaptive: smallest |D| at which τ is measured (and so the earliest evaluation)
 * @param patience         pw_adaptive: switch after this many evaluations in a row without a new best τ
 * @param minDelta         pw_adaptive: a τ counts as a new best only if it beats the best so far by more than this
 * @param population       re: population size (the most recent queries; the oldest die)
 * @param tournament       re: architectures sampled from the population; the best of them is mutated
 * @param trainMetric      the metric a query returns and the predictor trains on (validation)
 * @param evalMetric       the metric the chosen architecture is reported with (NB201: test)
 * @param predictor        predictor model and training
 */
public record SearchConfig(String benchmark, String dataset, SearchMethod method, int budget, int initial, int candidates,
                           int randomCandidates, int parents, int topK, int pwSwitch, String pwLoss, double holdout,
                           int adaptiveMinSize, int patience, double minDelta, int population, int tournament,
                           String trainMetric, String evalMetric, PredictorConfig predictor) {

    /** Keys of {@link #toMap()}, in order. */
    public static final List<String> KEYS = List.of("benchmark", "dataset", "method", "budget", "initial", "candidates",
            "random_candidates", "parents", "top_k", "pw_switch", "pw_loss", "holdout", "adaptive_min_size", "patience",
            "min_delta", "population", "tournament", "train_metric", "eval_metric", "predictor.model", "predictor.hidden",
            "predictor.layers", "predictor.fc_hidden", "predictor.dropout", "predictor.lr", "predictor.weight_decay",
            "predictor.epochs", "predictor.batch_size", "predictor.predict_batch");

    public SearchConfig {
        if (benchmark == null || benchmark.isBlank() || dataset == null || dataset.isBlank() || method == null) {
            throw new IllegalArgumentException("a search needs a benchmark, a dataset and a method");
        }
        if (initial < 1 || budget < initial) {
            throw new IllegalArgumentException("need 1 <= initial <= budget, got initial " + initial + ", budget " + budget);
        }
        if (topK < 1 || candidates < topK) {
            throw new IllegalArgumentException("need 1 <= top_k <= candidates, got top_k " + topK + ", candidates " + candidates);
        }
        if (randomCandidates < 0 || randomCandidates > candidates || parents < 1) {
            throw new IllegalArgumentException("need 0 <= random_candidates <= candidates and parents >= 1");
        }
        if (pwSwitch < 1) {
            throw new IllegalArgumentException("pw_switch must be a training-set size >= 1, got " + pwSwitch);
        }
        if (!(holdout > 0 && holdout < 1) || adaptiveMinSize < 4 || patience < 1 || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("need 0 < holdout < 1, adaptive_min_size >= 4, patience >= 1, finite min_delta");
        }
        if (population < 1 || tournament < 1 || tournament > population) {
            throw new IllegalArgumentException("need population >= 1 and 1 <= tournament <= population");
        }
        if (trainMetric == null || evalMetric == null || predictor == null) {
            throw new IllegalArgumentException("a search needs a train metric, an eval metric and a predictor");
        }
        pwLoss = pwLoss == null ? "" : pwLoss.trim();
        if (!pwLoss.isEmpty()) {
            LossSpec s = LossSpec.parse(pwLoss);
            if (!s.name().equals("pw")) {
                throw new IllegalArgumentException("pw_loss must be a pw spec (pw:warm=…,focus=…), got '" + pwLoss + "'");
            }
            if (s.params().containsKey("mode") || s.params().containsKey("at")) {
                throw new IllegalArgumentException("pw_loss may not set mode or at: the search switches on |D| (pw_switch,"
                        + " or the adaptive rule)");
            }
        }
    }

    /** Default budget of a benchmark: 150 on the NB101 subset, 100 elsewhere (NPENAS). */
    public static int defaultBudget(String benchmark) {
        return "nb101".equals(benchmark) ? 150 : 100;
    }

    /** The default configuration of one method on one benchmark dataset. */
    public static SearchConfig defaults(Benchmark b, String dataset, SearchMethod method) {
        return fromMap(Map.of("benchmark", b.name(), "dataset", dataset, "method", method.id()), b);
    }

    /** The flat form, every key of {@link #KEYS}; numbers written so they parse back exactly. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("benchmark", benchmark);
        m.put("dataset", dataset);
        m.put("method", method.id());
        m.put("budget", Integer.toString(budget));
        m.put("initial", Integer.toString(initial));
        m.put("candidates", Integer.toString(candidates));
        m.put("random_candidates", Integer.toString(randomCandidates));
        m.put("parents", Integer.toString(parents));
        m.put("top_k", Integer.toString(topK));
        m.put("pw_switch", Integer.toString(pwSwitch));
        m.put("pw_loss", pwLoss);
        m.put("holdout", Double.toString(holdout));
        m.put("adaptive_min_size", Integer.toString(adaptiveMinSize));
        m.put("patience", Integer.toString(patience));
        m.put("min_delta", Double.toString(minDelta));
        m.put("population", Integer.toString(population));
        m.put("tournament", Integer.toString(tournament));
        m.put("train_metric", trainMetric);
        m.put("eval_metric", evalMetric);
        m.put("predictor.model", predictor.model());
        m.put("predictor.hidden", Integer.toString(predictor.hidden()));
        m.put("predictor.layers", Integer.toString(predictor.layers()));
        m.put("predictor.fc_hidden", Integer.toString(predictor.fcHidden()));
        m.put("predictor.dropout", Double.toString(predictor.dropout()));
        m.put("predictor.lr", Double.toString(predictor.lr()));
        m.put("predictor.weight_decay", Double.toString(predictor.weightDecay()));
        m.put("predictor.epochs", Integer.toString(predictor.epochs()));
        m.put("predictor.batch_size", Integer.toString(predictor.batchSize()));
        m.put("predictor.predict_batch", Integer.toString(predictor.predictBatch()));
        return m;
    }

    /**
     * Reads the flat form. {@code benchmark}, {@code dataset} and {@code method} are required; every other key has
     * its default (budget by benchmark, {@code pw_switch} = budget / 2, the predictor's defaults of its model).
     * {@code bench} supplies the default train / eval metrics and may be null when the map names both. Unknown keys
     * and unparsable values throw {@link IllegalArgumentException} naming the key.
     */
    public static SearchConfig fromMap(Map<String, String> map, Benchmark bench) {
        Set<String> unknown = new TreeSet<>(map.keySet());
        KEYS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown search setting(s) " + unknown + " (known: " + String.join(", ", KEYS) + ")");
        }
        Reader r = new Reader(map);
        String benchmark = r.text("benchmark", null);
        String dataset = r.text("dataset", null);
        SearchMethod method = SearchMethod.parse(r.text("method", null));
        if (bench != null && !bench.name().equals(benchmark)) {
            throw new IllegalArgumentException("search is for " + benchmark + " but the benchmark given is " + bench.name());
        }
        int budget = r.integer("budget", defaultBudget(benchmark));
        PredictorConfig p = "mlp".equals(r.text("predictor.model", "gcn")) ? PredictorConfig.mlpDefaults()
                : PredictorConfig.gcnDefaults();
        p = new PredictorConfig(r.text("predictor.model", p.model()), r.integer("predictor.hidden", p.hidden()),
                r.integer("predictor.layers", p.layers()), r.integer("predictor.fc_hidden", p.fcHidden()),
                r.number("predictor.dropout", p.dropout()), r.number("predictor.lr", p.lr()),
                r.number("predictor.weight_decay", p.weightDecay()), r.integer("predictor.epochs", p.epochs()),
                r.integer("predictor.batch_size", p.batchSize()), r.integer("predictor.predict_batch", p.predictBatch()));
        String train = map.get("train_metric"), eval = map.get("eval_metric");
        if ((train == null || eval == null) && bench == null) {
            throw new IllegalArgumentException("train_metric and eval_metric are needed when no benchmark is given");
        }
        if (train == null) {
            train = bench.defaultTrainMetric(dataset);
        }
        if (eval == null) {
            eval = bench.defaultEvalMetric(dataset);
        }
        return new SearchConfig(benchmark, dataset, method, budget, r.integer("initial", 10), r.integer("candidates", 100),
                r.integer("random_candidates", 10), r.integer("parents", 10), r.integer("top_k", 10),
                r.integer("pw_switch", Math.max(1, budget / 2)), r.text("pw_loss", ""), r.number("holdout", 0.3),
                r.integer("adaptive_min_size", 20), r.integer("patience", 2), r.number("min_delta", 0.0),
                r.integer("population", 30), r.integer("tournament", 10), train.trim(), eval.trim(), p);
    }

    /** This configuration with another method (every other setting kept). */
    public SearchConfig withMethod(SearchMethod m) {
        Map<String, String> map = toMap();
        map.put("method", m.id());
        return fromMap(map, null);
    }

    private record Reader(Map<String, String> map) {
        String text(String key, String def) {
            String v = map.get(key);
            if (v == null) {
                if (def == null) {
                    throw new IllegalArgumentException("search setting " + key + " is required");
                }
                return def;
            }
            return v.trim();
        }

        int integer(String key, int def) {
            String v = map.get(key);
            if (v == null) {
                return def;
            }
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("search setting " + key + " must be an integer, got '" + v + "'");
            }
        }

        double number(String key, double def) {
            String v = map.get(key);
            if (v == null) {
                return def;
            }
            try {
                double d = Double.parseDouble(v.trim());
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("search setting " + key + " must be a finite number, got '" + v + "'");
            }
        }
    }
}
