package org.lossforge.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lossforge.core.loss.LossContext;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.loss.Losses;
import org.lossforge.core.loss.Piecewise;
import org.lossforge.core.loss.PredictorLoss;
import org.lossforge.core.metrics.KendallTauB;

/**
 * One round of the predictor-guided methods (mse, hr, pw, pw_adaptive) for many runs at once: (pw_adaptive only)
 * measure the warm loss's held-out τ and decide the switch; train a fresh predictor per run on D with the round's
 * loss; score the run's candidates; query the top k. All fits of a phase go to the {@link Fitter} together, so runs
 * with the same loss and |D| train as one batched program.
 */
final class PredictorSearch {
    private PredictorSearch() {}

    /** The loss a predictor method trains with when D holds {@code size} architectures (pw_adaptive: before/after). */
    static PredictorLoss loss(SearchConfig c, boolean switched) {
        return switch (c.method()) {
            case MSE -> Losses.create("mse", Map.of());
            case HR -> Losses.create("hr", Map.of());
            case PW -> pw(c, c.pwSwitch() - 1);
            case PW_ADAPTIVE -> pw(c, switched ? 0 : c.budget());
            default -> throw new IllegalArgumentException(c.method() + " trains no predictor");
        };
    }

    /** pw in size mode: warm while |D| ≤ at, focus after. The pair is the space's preset unless pw_loss overrides it. */
    private static PredictorLoss pw(SearchConfig c, int at) {
        Map<String, String> p = new LinkedHashMap<>();
        LossSpec override = c.pwLoss().isEmpty() ? null : LossSpec.parse(c.pwLoss());
        if (override == null || !override.params().containsKey("warm")) {
            p.putAll(Losses.pwPreset(c.benchmark(), c.dataset()));
        }
        if (override != null) {
            p.putAll(override.params());
        }
        p.put("mode", "size");
        p.put("at", Integer.toString(at));
        return Losses.create("pw", p);
    }

    /** Name of the part of {@code loss} active at training-set size n ("pw/hr", "pw/mape", or the loss's name). */
    static String activeName(PredictorLoss loss, int n) {
        if (loss instanceof Piecewise pw) {
            return "pw/" + pw.active(new LossContext(0, 1, n, null)).name();
        }
        return loss.name();
    }

    static List<Proposal> step(List<SearchState> states, SearchSpace space, Fitter fitter) {
        int r = states.size();
        boolean[] switched = new boolean[r];
        boolean[] evaluated = new boolean[r];
        double[] tau = new double[r];
        java.util.Arrays.fill(tau, Double.NaN);

        // Phase A (pw_adaptive): the warm loss's Kendall τ on a held-out part of D.
        List<Fitter.Job> jobs = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<int[]> heldOut = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            SearchState s = states.get(i);
            switched[i] = s.switchedAt() > 0;
            if (s.config().method() == SearchMethod.PW_ADAPTIVE && AdaptiveSwitch.evaluates(s)) {
                int[][] split = AdaptiveSwitch.split(s);
                jobs.add(new Fitter.Job(loss(s.config(), false), archs(s, split[1]), values(s, split[1]),
                        SearchSeeds.of(s.seed(), s.round(), SearchSeeds.Purpose.HOLDOUT_PREDICTOR), archs(s, split[0])));
                owner.add(i);
                heldOut.add(split[0]);
            }
        }
        if (!jobs.isEmpty()) {
            Fitter.Result[] res = fitter.run(jobs);
            for (int j = 0; j < res.length; j++) {
                int i = owner.get(j);
                SearchState s = states.get(i);
                evaluated[i] = true;
                tau[i] = res[j].scores() == null ? Double.NaN : tauOrNaN(values(s, heldOut.get(j)), res[j].scores());
                double[] history = java.util.Arrays.copyOf(s.heldOutTau(), s.heldOutTau().length + 1);
                history[history.length - 1] = tau[i];
                switched[i] = AdaptiveSwitch.shouldSwitch(history, s.config().patience(), s.config().minDelta());
            }
        }

        // Phase B: the round's predictor on all of D, scoring the candidates.
        jobs.clear();
        List<int[]> cands = new ArrayList<>();
        PredictorLoss[] losses = new PredictorLoss[r];
        for (int i = 0; i < r; i++) {
            SearchState s = states.get(i);
            losses[i] = loss(s.config(), switched[i]);
            int[] all = new int[s.size()];
            for (int k = 0; k < all.length; k++) {
                all[k] = k;
            }
            int[] c = Candidates.generate(s, space);
            cands.add(c);
            jobs.add(new Fitter.Job(losses[i], archs(s, all), s.values(),
                    SearchSeeds.of(s.seed(), s.round(), SearchSeeds.Purpose.PREDICTOR), c));
        }
        Fitter.Result[] res = fitter.run(jobs);
        List<Proposal> out = new ArrayList<>(r);
        for (int i = 0; i < r; i++) {
            SearchState s = states.get(i);
            int k = Math.min(s.config().topK(), s.config().budget() - s.size());
            int[] c = cands.get(i);
            int[] q;
            String note = "";
            if (res[i].scores() != null) {
                q = Picks.topK(c, res[i].scores(), k);
            } else {
                // The fit failed: query k candidates at random (the round still spends its queries).
                SplittableRandom rng = new SplittableRandom(SearchSeeds.of(s.seed(), s.round(), SearchSeeds.Purpose.FALLBACK));
                double[] noise = new double[c.length];
                for (int j = 0; j < c.length; j++) {
                    noise[j] = rng.nextDouble();
                }
                q = Picks.topK(c, noise, k);
                note = "predictor fit failed (" + res[i].failure() + "); " + q.length + " random candidates queried";
            }
            if (q.length < k) { // the space ran out of candidates
                java.util.BitSet taken = Picks.queried(s);
                for (int a : q) {
                    taken.set(a);
                }
                SplittableRandom rng = new SplittableRandom(SearchSeeds.of(s.seed(), s.round(), SearchSeeds.Purpose.FALLBACK));
                int[] more = Picks.unqueried(space.benchmark().size(), taken, k - q.length, rng);
                int[] all = java.util.Arrays.copyOf(q, q.length + more.length);
                System.arraycopy(more, 0, all, q.length, more.length);
                q = all;
            }
            int switchedAt = s.switchedAt() > 0 ? s.switchedAt() : switched[i] ? s.size() : 0;
            out.add(new Proposal(s.round(), q, activeName(losses[i], s.size()), evaluated[i], tau[i], switchedAt, note));
        }
        return out;
    }

    private static double tauOrNaN(double[] truth, double[] pred) {
        try {
            return KendallTauB.of(truth, pred);
        } catch (IllegalArgumentException e) {
            return Double.NaN; // constant truth or scores: τ undefined
        }
    }

    private static int[] archs(SearchState s, int[] positions) {
        int[] a = new int[positions.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = s.queriedAt(positions[i]);
        }
        return a;
    }

    private static double[] values(SearchState s, int[] positions) {
        double[] v = new double[positions.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.valueAt(positions[i]);
        }
        return v;
    }
}
