package org.lossforge.core.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A controller in one process: steps runs until their budgets are spent, answering every query from the benchmark
 * table (the benchmark truth of the train metric stands for training the architecture), and hands each round's
 * states to a listener (which may persist them). A stream processor would do the same with the state in a topic.
 */
public final class SearchDriver {
    private SearchDriver() {}

    /** Called after every round with the states of all runs. */
    public interface Listener {
        void round(List<SearchState> states, List<Proposal> proposals);

        Listener NONE = (s, p) -> {};
    }

    /** The value a query returns: the benchmark's train metric of the architecture. */
    public static double[] query(SearchSpace space, SearchConfig c, int[] archs) {
        double[] v = new double[archs.length];
        for (int i = 0; i < archs.length; i++) {
            v[i] = space.benchmark().truth(archs[i], c.dataset(), c.trainMetric());
        }
        return v;
    }

    /** One round for every run not yet done; returns the new states (a done run's state is returned unchanged). */
    public static List<SearchState> round(SearchStep step, List<SearchState> states, Listener listener) {
        List<SearchState> open = new ArrayList<>();
        for (SearchState s : states) {
            if (!s.done()) {
                open.add(s);
            }
        }
        List<Proposal> props = step.step(open);
        List<SearchState> next = new ArrayList<>(states.size());
        int j = 0;
        for (SearchState s : states) {
            if (s.done()) {
                next.add(s);
            } else {
                Proposal p = props.get(j++);
                next.add(s.advance(p, query(step.space(), s.config(), p.queries())));
            }
        }
        listener.round(next, props);
        return next;
    }

    /** Runs every state to the end of its budget. */
    public static List<SearchState> run(SearchStep step, List<SearchState> states, Listener listener) {
        List<SearchState> cur = states;
        while (cur.stream().anyMatch(s -> !s.done())) {
            cur = round(step, cur, listener);
        }
        return cur;
    }
}
