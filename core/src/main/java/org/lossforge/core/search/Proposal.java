package org.lossforge.core.search;

/**
 * What one {@link SearchStep} asks for: the architectures to query next and what the step decided on the way.
 *
 * @param round        the round of the state it was computed from
 * @param queries      architecture indices to query, distinct and unqueried; empty when the budget is spent
 * @param loss         the loss the round's predictor was trained with ("" for random search and evolution)
 * @param tauEvaluated pw_adaptive: whether this round measured the warm loss's held-out τ
 * @param heldOutTau   that τ (NaN when not measured or undefined)
 * @param switchedAt   pw_adaptive: |D| at which the focus loss took over (0 while warm); 0 for other methods
 * @param note         why the round deviated from the plan (e.g. a predictor fit diverged), "" otherwise
 */
public record Proposal(int round, int[] queries, String loss, boolean tauEvaluated, double heldOutTau, int switchedAt,
                       String note) {

    public Proposal {
        queries = queries.clone();
    }

    @Override
    public int[] queries() {
        return queries.clone();
    }

    static Proposal plain(SearchState s, int[] queries) {
        return new Proposal(s.round(), queries, "", false, Double.NaN, s.switchedAt(), "");
    }
}
