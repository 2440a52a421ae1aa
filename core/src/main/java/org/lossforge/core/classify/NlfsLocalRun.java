package org.lossforge.core.classify;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.lossforge.core.nlfs.Candidate;
import org.lossforge.core.nlfs.Evolution;
import org.lossforge.core.nlfs.EvolutionState;
import org.lossforge.core.nlfs.Nlfs;

/**
 * An NLFS run in one process, with the platform's rules: every proposal is screened as the candidate-generator screens
 * it ({@link Nlfs#check} of the candidate's expression; a refusal counts as a failed training), trained on the run's
 * surrogate with the run's training seed, and a loss already trained in this run is not trained again (its result is
 * reused: one trial per loss per run). The services distribute exactly this loop (generator's {@code EvolutionRuns},
 * trainer's surrogate jobs), so this is the reference their runs are compared with.
 */
public final class NlfsLocalRun {

    /** Observes each proposal: the candidate (null for a skipped cycle), its loss text and result (null if not trained). */
    public interface Listener {
        void scored(EvolutionState before, Candidate candidate, String loss, SurrogateResult result, boolean trainedNow);
    }

    private final NlfsRunConfig config;
    private final Surrogate surrogate;
    private final Map<String, SurrogateResult> trained = new HashMap<>();

    public NlfsLocalRun(NlfsRunConfig config) {
        this.config = config;
        this.surrogate = new Surrogate(config.surrogate());
    }

    /** Runs from {@code state} (e.g. {@code Evolution.start(config.evolution())}) to the end. */
    public EvolutionState run(EvolutionState state, Listener listener) {
        while (!state.finished()) {
            EvolutionState before = state;
            Optional<Candidate> p = Evolution.propose(state);
            if (p.isEmpty()) {
                state = Evolution.skip(state);
                listener.scored(before, null, null, null, false);
                continue;
            }
            Candidate c = p.get();
            Nlfs.Checked checked = Nlfs.check(c.expression());
            if (!checked.valid()) {
                state = Evolution.fail(state, c);
                listener.scored(before, c, null, null, false);
                continue;
            }
            String loss = CandidateLosses.printed(checked);
            boolean now = !trained.containsKey(loss);
            SurrogateResult r = trained.computeIfAbsent(loss,
                    k -> surrogate.evaluate(CandidateLosses.of(c.expression(), k).loss(), config.trainingSeed()));
            state = r.ok() && Double.isFinite(r.fitness()) ? Evolution.accept(state, c, r.fitness()) : Evolution.fail(state, c);
            listener.scored(before, c, loss, r, now);
        }
        return state;
    }
}
