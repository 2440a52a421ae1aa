package org.lossforge.core.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.lossforge.core.nlfs.EvolutionConfig;
import org.lossforge.core.study.Seeds;

/**
 * The settings of one NLFS run in the flat form an event carries ({@code NlfsRunRequested.settings}): the surrogate
 * that scores every candidate and the regularized evolution that proposes them. Every key has a default
 * ({@link #DEFAULTS}): the surrogate's {@code cpu} preset and the authors' evolution settings
 * ({@link EvolutionConfig#paper}). An unknown key or a bad value is an {@link IllegalArgumentException} that names
 * the key.
 *
 * @param surrogate    the surrogate configuration (preset, then the overrides)
 * @param evolution    the evolution configuration (its seed is the run seed)
 * @param trainingSeed the seed every candidate of the run is trained with (one seed for all: paired fitnesses)
 * @param settings     the settings as given, with the defaults filled in (sorted by key)
 */
public record NlfsRunConfig(SurrogateConfig surrogate, EvolutionConfig evolution, long trainingSeed,
                            Map<String, String> settings) {

    /** The surrogate overrides that default to the preset's own value. */
    static final List<String> PRESET_KEYS = List.of("dataset", "epochs", "steps_per_epoch", "train_images", "batch_size",
            "lr", "precheck_epochs", "precheck_accuracy");

    /** Every key with its default; {@code dataset} and the surrogate's numbers default to the preset's own. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static final long TRAINING_SALT = 0x4E4C4653545241L; // "NLFSTRA"

    public NlfsRunConfig {
        settings = Map.copyOf(settings);
    }

    private static Map<String, String> defaults() {
        EvolutionConfig p = EvolutionConfig.paper(0);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("preset", "cpu");
        for (String k : PRESET_KEYS) {
            m.put(k, "");
        }
        m.put("population", Integer.toString(p.populationSize()));
        m.put("initial_pool", Integer.toString(p.initialPoolSize()));
        m.put("rescore", Boolean.toString(p.rescoreInitial()));
        m.put("tournament", Integer.toString(p.tournamentSize()));
        m.put("cycles", Long.toString(p.cycles()));
        m.put("mutation_attempts", Integer.toString(p.maxMutationAttempts()));
        m.put("training_tries", Integer.toString(p.maxTrainingTries()));
        m.put("min_phenotype_distance", Double.toString(p.minPhenotypeDistance()));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The run's configuration from its settings and seed; throws {@link IllegalArgumentException} naming the bad key. */
    public static NlfsRunConfig fromMap(Map<String, String> given, long seed) {
        for (String k : given.keySet()) {
            if (!DEFAULTS.containsKey(k)) {
                throw new IllegalArgumentException("unknown NLFS setting '" + k + "'; known: " + String.join(", ", DEFAULTS.keySet()));
            }
        }
        Map<String, String> s = new TreeMap<>(DEFAULTS);
        given.forEach((k, v) -> s.put(k, v == null ? "" : v.strip()));
        String preset = s.get("preset");
        if (!SurrogateConfig.PRESETS.contains(preset)) {
            throw new IllegalArgumentException("preset must be one of " + SurrogateConfig.PRESETS + ", got '" + preset + "'");
        }
        SurrogateConfig c = SurrogateConfig.preset(preset);
        SurrogateConfig.Data d = c.data();
        String dataset = s.get("dataset").isEmpty() ? d.dataset() : s.get("dataset");
        if (!ImageData.NAMES.contains(dataset)) {
            throw new IllegalArgumentException("dataset must be one of " + ImageData.NAMES + ", got '" + dataset + "'");
        }
        int trainImages = intOr(s, "train_images", d.trainImages(), 0);
        c = c.withData(new SurrogateConfig.Data(dataset, trainImages, d.validPerClass(), d.splitSeed(), d.imageSize()));
        SurrogateConfig.Schedule sc = c.schedule();
        c = c.withSchedule(new SurrogateConfig.Schedule(intOr(s, "batch_size", sc.batchSize(), 1), sc.epochs(),
                intOr(s, "steps_per_epoch", sc.stepsPerEpoch(), 0), doubleOr(s, "lr", sc.lr()), sc.warmupSteps(),
                sc.scheduleSteps()));
        if (!s.get("epochs").isEmpty()) {
            c = c.withEpochs(intOr(s, "epochs", 0, 1));
        }
        SurrogateConfig.Precheck p = c.precheck();
        if (!s.get("precheck_epochs").isEmpty() || !s.get("precheck_accuracy").isEmpty()) {
            int pe = intOr(s, "precheck_epochs", p.epochs(), 0);
            double pa = doubleOr(s, "precheck_accuracy", p.minTrainAccuracy());
            try {
                c = c.withPrecheck(new SurrogateConfig.Precheck(pe, pa, p.separateRun()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("precheck: " + e.getMessage(), e);
            }
        }
        EvolutionConfig evo;
        try {
            evo = new EvolutionConfig(seed, intOr(s, "population", 0, 1), intOr(s, "initial_pool", 0, 1),
                    bool(s, "rescore"), intOr(s, "tournament", 0, 1), intOr(s, "mutation_attempts", 0, 1),
                    intOr(s, "training_tries", 0, 1), doubleOr(s, "min_phenotype_distance", 0), longOr(s, "cycles"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evolution: " + e.getMessage(), e);
        }
        return new NlfsRunConfig(c, evo, trainingSeed(seed), s);
    }

    /** The benchmark name of NLFS evaluations and leaderboard entries (their dataset is the image set). */
    public static final String BENCHMARK = "nlfs";

    /**
     * Training images the surrogate fits on: the stored subset (Fashion-MNIST 6,000, CIFAR-10 8,000) or its first
     * {@code train_images}, less the 10 classes' held-out validation images. The {@code trainSize} of NLFS evaluations.
     */
    public int trainSize() {
        SurrogateConfig.Data d = surrogate.data();
        int stored = d.dataset().equals(ImageData.CIFAR10) ? 8000 : 6000;
        int pool = d.trainImages() == 0 ? stored : Math.min(d.trainImages(), stored);
        return pool - 10 * d.validPerClass();
    }

    /** The training seed of every candidate of a run with this seed. */
    public static long trainingSeed(long runSeed) {
        return Seeds.mix(runSeed ^ TRAINING_SALT);
    }

    private static int intOr(Map<String, String> s, String key, int fallback, int min) {
        String v = s.get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    private static long longOr(Map<String, String> s, String key) {
        String v = s.get(key);
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new IllegalArgumentException(key + " must be ≥ 0, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    private static double doubleOr(Map<String, String> s, String key, double fallback) {
        String v = s.get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a finite number, got '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> s, String key) {
        String v = s.get(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        }
        return v.equals("true");
    }
}
