package org.lossforge.loadtests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded fault schedule: which faults, in which order, at which point of the study. The same seed and counts give the
 * same schedule, so a failing run is replayed with {@code --seed} (the timing of the processes around the faults is not
 * replayed; the faults and where they land in the study are).
 *
 * <p>Fault {@code k} fires once the trainer has published at least {@code atTrained} prediction sets (the
 * trigger points are sorted uniform draws over 5–90 % of the study's trials; the stages after the trainer lag it, so
 * every stage still has work when a fault lands) and then {@code delayMillis} later (0 to 1 s, so a kill lands
 * at a random point of a job rather than right after one). The kinds are shuffled.
 */
public record FaultSchedule(long seed, List<Fault> faults) {

    /** What a fault does. */
    public enum Kind {
        /** SIGKILL of a service, restarted at once (a crashed container's restart). */
        KILL_TRAINER, KILL_EVALUATOR, KILL_RANKER, KILL_GENERATOR,
        /** SIGKILL of a broker node, restarted on its log directory. */
        KILL_BROKER,
        /** SIGKILL of broker node 3 of 3, not restarted (the cluster goes on with two, replication factor 3). */
        LOSE_BROKER,
        /** SIGSTOP of the registry for {@link FaultSchedule#PAUSE_MILLIS}, with a trainer and an evaluator SIGKILLed
         * while it is stopped (their restarts must fetch schemas from it), then SIGCONT. */
        PAUSE_REGISTRY,
        /** SIGSTOP of the first trainer for {@link FaultSchedule#PAUSE_MILLIS} (a stuck fit: longer than the session
         * timeout), then SIGCONT: its jobs must move to the second trainer. */
        STALL_TRAINER
    }

    /** How long a paused registry or a stalled trainer stays stopped. */
    public static final long PAUSE_MILLIS = 15_000;

    /** One fault: its place in the schedule, kind, trigger point and extra delay. */
    public record Fault(int index, Kind kind, int atTrained, long delayMillis) {
        @Override
        public String toString() {
            return String.format("#%d %s at >= %d prediction sets (+%d ms)", index, kind, atTrained, delayMillis);
        }
    }

    /**
     * @param counts how many of each kind
     * @param trials the study's trials (trigger points are drawn over 5–90 % of them)
     */
    public static FaultSchedule of(long seed, Map<Kind, Integer> counts, int trials) {
        Random rnd = new Random(seed);
        List<Kind> kinds = new ArrayList<>();
        for (Map.Entry<Kind, Integer> e : new EnumMap<>(counts).entrySet()) {
            kinds.addAll(Collections.nCopies(e.getValue(), e.getKey()));
        }
        Collections.shuffle(kinds, rnd);
        int[] at = new int[kinds.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = (int) Math.round(trials * (0.05 + 0.85 * rnd.nextDouble()));
        }
        java.util.Arrays.sort(at);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            faults.add(new Fault(i + 1, kinds.get(i), at[i], rnd.nextInt(1001)));
        }
        // LOSE_BROKER can happen once (the third node stays down): keep only the first
        boolean lost = false;
        List<Fault> kept = new ArrayList<>();
        for (Fault f : faults) {
            if (f.kind() == Kind.LOSE_BROKER) {
                if (lost) {
                    continue;
                }
                lost = true;
            }
            kept.add(f);
        }
        return new FaultSchedule(seed, List.copyOf(kept));
    }

    public int count(Kind kind) {
        return (int) faults.stream().filter(f -> f.kind() == kind).count();
    }

    /** The schedule as printed before a run (one fault a line), headed by its seed. */
    public String describe() {
        StringBuilder b = new StringBuilder("fault schedule, seed " + seed + " (replay with --seed " + seed + "):\n");
        for (Fault f : faults) {
            b.append("  ").append(f).append('\n');
        }
        return b.toString();
    }
}
