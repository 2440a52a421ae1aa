package org.lossforge.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossforge.core.bench.Benchmark;

/**
 * Runs a {@link ComparisonConfig}: for each dataset and method, all runs step together round by round (their
 * predictors train as one batched program), every query answered from the benchmark table. Groups whose runs are
 * given as {@code previous} states (from an interrupted comparison) go on from those states; finished ones are not
 * run again.
 */
public final class SearchComparison {

    /** Progress callbacks; {@link #round} gets the states after every round (to persist them). */
    public interface Progress {
        default void started(int group, int total, String label) {}

        default void round(int group, String label, List<SearchState> states, List<Proposal> proposals) {}

        default void finished(int group, int total, String label, long millis, List<SearchState> states) {}

        Progress NONE = new Progress() {};
    }

    /** One (dataset, method): its final states, wall time, predictor fits and the notes of deviating rounds. */
    public record Group(String dataset, SearchMethod method, SearchConfig config, List<SearchState> states, long millis,
                        long fits, List<String> notes) {}

    /** The whole comparison. */
    public record Result(ComparisonConfig config, List<Group> groups, long wallMillis, String engine) {}

    private final SearchSpace space;

    public SearchComparison(SearchSpace space) {
        this.space = space;
    }

    /** Checks every group's configuration against the benchmark before anything runs. */
    public void validate(ComparisonConfig c) {
        Benchmark b = space.benchmark();
        if (!b.name().equals(c.benchmark())) {
            throw new IllegalArgumentException("comparison is for " + c.benchmark() + " but the space is " + b.name());
        }
        for (String d : c.datasets()) {
            if (!b.datasets().contains(d)) {
                throw new IllegalArgumentException("unknown dataset '" + d + "' for " + b.name() + " (known: "
                        + String.join(", ", b.datasets()) + ")");
            }
            for (SearchMethod m : c.methods()) {
                space.validate(c.config(b, d, m));
            }
        }
    }

    public Result run(ComparisonConfig c, Progress progress, List<SearchState> previous) {
        validate(c);
        long t0 = System.nanoTime();
        Benchmark b = space.benchmark();
        List<Group> groups = new ArrayList<>();
        int index = 0;
        for (String dataset : c.datasets()) {
            for (SearchMethod method : c.methods()) {
                SearchConfig cfg = c.config(b, dataset, method);
                String label = dataset + " " + method.id();
                List<SearchState> states = startOrResume(c, cfg, dataset, previous);
                progress.started(index, c.groups(), label);
                long g0 = System.nanoTime();
                List<String> notes = new ArrayList<>();
                long fits;
                try (SearchStep step = new SearchStep(space, c.batch())) {
                    final int gi = index;
                    states = SearchDriver.run(step, states, (st, props) -> {
                        props.stream().filter(p -> !p.note().isEmpty()).forEach(p -> notes.add(p.note()));
                        progress.round(gi, label, st, props);
                    });
                    fits = step.fits();
                }
                long ms = (System.nanoTime() - g0) / 1_000_000;
                groups.add(new Group(dataset, method, cfg, states, ms, fits, notes));
                progress.finished(index, c.groups(), label, ms, states);
                index++;
            }
        }
        ai.djl.engine.Engine e = ai.djl.engine.Engine.getInstance();
        return new Result(c, groups, (System.nanoTime() - t0) / 1_000_000,
                e.getEngineName() + " " + e.getVersion() + " on " + e.defaultDevice());
    }

    /** Fresh start states, or the given states of this group (all runs, the same configuration and seeds). */
    private static List<SearchState> startOrResume(ComparisonConfig c, SearchConfig cfg, String dataset, List<SearchState> previous) {
        Map<Long, SearchState> mine = new LinkedHashMap<>();
        for (SearchState s : previous) {
            if (s.config().dataset().equals(dataset) && s.config().method() == cfg.method()) {
                if (!s.config().equals(cfg)) {
                    throw new IllegalArgumentException("saved state of " + dataset + " " + cfg.method()
                            + " was made with other settings; start again without resuming, or with the old settings");
                }
                mine.put(s.seed(), s);
            }
        }
        List<SearchState> out = new ArrayList<>();
        for (int k = 0; k < c.runs(); k++) {
            long seed = SearchSeeds.run(c.baseSeed(), c.benchmark(), dataset, k);
            out.add(mine.getOrDefault(seed, SearchState.start(cfg, seed)));
        }
        return out;
    }
}
