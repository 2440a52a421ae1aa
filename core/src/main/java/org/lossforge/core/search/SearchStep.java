package org.lossforge.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code step(state) -> next queries}: the search as a deterministic state machine. A proposal depends only on the
 * {@link SearchState} (and the fixed benchmark): every random choice comes from (run seed, round, purpose), the
 * predictor is trained afresh each round on D from a seed of (run seed, round). The controller queries the proposal,
 * applies the returned values with {@link SearchState#advance} and persists the new state; after a restart, stepping
 * the persisted state gives the same proposal again, so nothing is re-queried and the trajectory goes on unchanged.
 *
 * <p>Round 0 of every method queries the run's N0 random architectures (the same for every method of a run seed);
 * later rounds are the method's. Proposals never repeat a queried architecture and never exceed the budget; a state
 * whose budget is spent gets an empty proposal.
 *
 * <p>{@link #step(List)} steps many runs at once: predictor fits with the same loss and |D| train as one
 * seed-batched program (see {@link Fitter}). Not thread safe.
 */
public final class SearchStep implements AutoCloseable {
    private final SearchSpace space;
    private final boolean batch;
    private final Map<String, Fitter> fitters = new LinkedHashMap<>();

    /**
     * @param batch whether the predictor fits of several runs train as one batched program (false: one by one)
     */
    public SearchStep(SearchSpace space, boolean batch) {
        this.space = space;
        this.batch = batch;
    }

    public SearchSpace space() {
        return space;
    }

    /** The next proposal of one run. */
    public Proposal step(SearchState state) {
        return step(List.of(state)).get(0);
    }

    /** The next proposal of every run, in the same order. */
    public List<Proposal> step(List<SearchState> states) {
        Proposal[] out = new Proposal[states.size()];
        Map<String, List<Integer>> predictorRuns = new LinkedHashMap<>();
        for (int i = 0; i < states.size(); i++) {
            SearchState s = states.get(i);
            space.validate(s.config());
            if (s.done()) {
                out[i] = Proposal.plain(s, new int[0]);
            } else if (s.size() == 0) {
                out[i] = RandomSearch.initial(s, space);
            } else if (s.config().method() == SearchMethod.RANDOM) {
                out[i] = RandomSearch.step(s, space);
            } else if (s.config().method() == SearchMethod.RE) {
                out[i] = RegularizedEvolution.step(s, space);
            } else {
                predictorRuns.computeIfAbsent(fitterKey(s.config()), k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> e : predictorRuns.entrySet()) {
            List<SearchState> group = new ArrayList<>();
            e.getValue().forEach(i -> group.add(states.get(i)));
            List<Proposal> p = PredictorSearch.step(group, space, fitter(e.getKey(), group.get(0).config()));
            for (int j = 0; j < p.size(); j++) {
                out[e.getValue().get(j)] = p.get(j);
            }
        }
        return List.of(out);
    }

    /** Predictors trained so far, over all fitters. */
    public long fits() {
        return fitters.values().stream().mapToLong(Fitter::fits).sum();
    }

    /** Wall time spent in predictor fits so far. */
    public long fitMillis() {
        return fitters.values().stream().mapToLong(Fitter::fitMillis).sum();
    }

    private static String fitterKey(SearchConfig c) {
        return c.predictor() + "|" + c.dataset() + "|" + c.trainMetric();
    }

    private Fitter fitter(String key, SearchConfig c) {
        return fitters.computeIfAbsent(key, k -> new Fitter(space, c.predictor(), space.percent(c.dataset(), c.trainMetric()), batch));
    }

    @Override
    public void close() {
        fitters.values().forEach(Fitter::close);
        fitters.clear();
    }
}
