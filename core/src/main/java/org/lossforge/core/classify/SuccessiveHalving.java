package org.lossforge.core.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lossforge.core.study.Seeds;

/**
 * The elimination protocol after evolution (nlfs-paper.md §3.2), as successive halving: every round trains all
 * remaining candidates from scratch with the round's budget, ranks them by fitness, keeps the best
 * {@code max(finalists, ⌈n · keepFraction⌉)}, and doubles the budget, until at most {@code finalists} remain.
 * A failed candidate ranks below every real score and is never kept; equal scores keep the input order. Pure
 * bookkeeping: the training is the caller's {@link Scorer} (normally a {@link Surrogate} with
 * {@code config.withEpochs(epochs)}).
 */
public final class SuccessiveHalving {

    private SuccessiveHalving() {
    }

    /**
     * @param startEpochs  budget of the first round; round r trains {@code startEpochs · 2^r} epochs
     * @param keepFraction share of candidates kept per round, in (0, 1); the authors' 25 → 12 → 6 → 4 is about ½
     * @param finalists    stop when this many remain (the authors keep 4)
     */
    public record Settings(int startEpochs, double keepFraction, int finalists) {
        public Settings {
            if (startEpochs < 1 || finalists < 1 || !(keepFraction > 0 && keepFraction < 1)) {
                throw new IllegalArgumentException("startEpochs ≥ 1, finalists ≥ 1 and keepFraction in (0, 1) required");
            }
        }
    }

    /** Trains one candidate with a budget; {@code round} lets the caller pick the round's seed. */
    @FunctionalInterface
    public interface Scorer {
        SurrogateResult score(NamedLoss loss, int epochs, int round);
    }

    /** A candidate's result in one round. */
    public record Entry(NamedLoss loss, SurrogateResult result) {
    }

    /** One round: its budget, every candidate best first, and how many of them went on. */
    public record Round(int index, int epochs, List<Entry> ranked, int kept) {
        public Round {
            ranked = List.copyOf(ranked);
        }

        public List<NamedLoss> survivors() {
            return ranked.subList(0, kept).stream().map(Entry::loss).toList();
        }
    }

    /** All rounds and the finalists, best first (the last round's order). */
    public record Outcome(List<Round> rounds, List<NamedLoss> finalists) {
        public Outcome {
            rounds = List.copyOf(rounds);
            finalists = List.copyOf(finalists);
        }
    }

    /**
     * A scorer that trains on a {@link Surrogate} of {@code base} with the round's epochs. All candidates of round r
     * share one seed derived from {@code seed} and r (the same initial weights and batches: a paired ranking); the
     * rounds use different seeds, so a lucky draw does not carry through every round.
     */
    public static Scorer surrogateScorer(SurrogateConfig base, long seed) {
        Map<Integer, Surrogate> byEpochs = new ConcurrentHashMap<>();
        return (loss, epochs, round) -> byEpochs.computeIfAbsent(epochs, e -> new Surrogate(base.withEpochs(e)))
                .evaluate(loss.loss(), roundSeed(seed, round));
    }

    /** The seed of round {@code round} in {@link #surrogateScorer}. */
    public static long roundSeed(long seed, int round) {
        return Seeds.mix(Seeds.mix(seed ^ 0x53484C56L) ^ round);
    }

    public static Outcome run(List<NamedLoss> candidates, Settings s, Scorer scorer) {
        List<NamedLoss> current = new ArrayList<>(candidates);
        List<Round> rounds = new ArrayList<>();
        int epochs = s.startEpochs();
        while (current.size() > s.finalists()) {
            List<Entry> entries = new ArrayList<>();
            for (NamedLoss l : current) {
                entries.add(new Entry(l, scorer.score(l, epochs, rounds.size())));
            }
            List<Entry> ranked = new ArrayList<>(entries);
            ranked.sort(Comparator.comparingDouble((Entry e) -> e.result().rankingScore()).reversed()); // stable: ties keep input order
            int ok = (int) ranked.stream().filter(e -> e.result().ok()).count();
            int keep = Math.min(ok, Math.max(s.finalists(), (int) Math.ceil(current.size() * s.keepFraction())));
            Round r = new Round(rounds.size(), epochs, ranked, keep);
            rounds.add(r);
            current = new ArrayList<>(r.survivors());
            epochs = Math.multiplyExact(epochs, 2);
        }
        return new Outcome(rounds, current);
    }
}
