package org.lossforge.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.lossforge.core.nlfs.Candidate;
import org.lossforge.core.nlfs.Cell;
import org.lossforge.core.nlfs.Evolution;
import org.lossforge.core.nlfs.EvolutionConfig;
import org.lossforge.core.nlfs.EvolutionState;
import org.lossforge.core.nlfs.ExprParser;
import org.lossforge.core.nlfs.Genetics;
import org.lossforge.core.nlfs.IntegrityCheck;
import org.lossforge.core.nlfs.NlfsDjlLoss;
import org.lossforge.core.nlfs.NlfsLoss;

/**
 * {@code ./lossforge bench nlfs}: speed of the NLFS core on one thread (integrity checks of random cells and of
 * mutants, random valid losses, evolution proposals with the authors' settings, parse + canonical form + hash, the
 * cell loss on NDArrays against DJL's softmax cross-entropy). Rows for {@link BenchCommand}'s section.
 */
final class NlfsBench {

    private NlfsBench() {
    }

    static List<String> run(int candidates, int repeats, java.io.PrintStream err) {
        List<String> rows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(1);
        // 1. integrity checks of well-formed random cells (the authors' initialisation distribution)
        List<Cell> random = new ArrayList<>();
        while (random.size() < candidates) {
            Cell c = Genetics.random(r);
            if (c.structuralProblem() == null) {
                random.add(c);
            }
        }
        err.println("bench nlfs: integrity checks...");
        int[] passed = new int[1];
        double tRandom = best(repeats, () -> {
            passed[0] = 0;
            for (Cell c : random) {
                passed[0] += IntegrityCheck.check(c).passed() ? 1 : 0;
            }
        });
        rows.add(BenchCommand.row("integrity check, well-formed random cells (" + candidates + ", " + pct(passed[0], candidates)
                + " pass), candidates per second", candidates / tRandom, "/s"));
        // 2. integrity checks of mutants of passing cells (what evolution screens)
        List<Cell> parents = new ArrayList<>();
        for (Cell c : random) {
            if (parents.size() < 200 && IntegrityCheck.check(c).passed()) {
                parents.add(c);
            }
        }
        List<Cell> mutants = new ArrayList<>();
        while (mutants.size() < candidates) {
            Cell m = Genetics.mutate(parents.get(r.nextInt(parents.size())), r).cell();
            if (m.structuralProblem() == null) {
                mutants.add(m);
            }
        }
        double tMutants = best(repeats, () -> {
            passed[0] = 0;
            for (Cell c : mutants) {
                passed[0] += IntegrityCheck.check(c).passed() ? 1 : 0;
            }
        });
        rows.add(BenchCommand.row("integrity check, well-formed mutants of passing cells (" + pct(passed[0], candidates)
                + " pass), candidates per second", candidates / tMutants, "/s"));
        // 3. random valid losses (draw until well-formed and through the check), as the initial pool does
        int valid = Math.max(1, candidates / 10);
        long[] draws = new long[1];
        double tValid = best(repeats, () -> {
            draws[0] = 0;
            SplittableRandom g = new SplittableRandom(2);
            for (int k = 0; k < valid; k++) {
                while (true) {
                    draws[0]++;
                    Cell c = Genetics.random(g);
                    if (c.structuralProblem() == null && IntegrityCheck.check(c).passed()) {
                        break;
                    }
                }
            }
        });
        rows.add(BenchCommand.row("random valid losses per second (" + String.format(java.util.Locale.ROOT, "%.1f", draws[0] / (double) valid)
                + " draws each)", valid / tValid, "/s"));
        // 4. evolution proposals with the authors' settings (P = 100, S = 20), synthetic fitness
        err.println("bench nlfs: evolution proposals...");
        EvolutionConfig cfg = EvolutionConfig.paper(7).withPopulation(100, 100, false).withCycles(100_000);
        EvolutionState s = Evolution.start(cfg);
        while (s.phase() != EvolutionState.Phase.EVOLVE) {
            Candidate c = Evolution.propose(s).orElseThrow();
            s = Evolution.accept(s, c, syntheticFitness(c));
        }
        int children = Math.max(20, candidates / 50);
        long attempts = 0;
        int skipped = 0;
        for (int warm = 0; warm < 20; warm++) {
            Optional<Candidate> c = Evolution.propose(s);
            s = c.isPresent() ? Evolution.accept(s, c.get(), syntheticFitness(c.get())) : Evolution.skip(s);
        }
        long t0 = System.nanoTime();
        for (int k = 0; k < children; k++) {
            Optional<Candidate> c = Evolution.propose(s);
            if (c.isPresent()) {
                attempts += c.get().mutationAttempts();
                s = Evolution.accept(s, c.get(), syntheticFitness(c.get()));
            } else {
                skipped++;
                attempts += cfg.maxMutationAttempts();
                s = Evolution.skip(s);
            }
        }
        double tChildren = (System.nanoTime() - t0) / 1e9;
        rows.add(BenchCommand.row("evolution, the authors' settings (P 100, S 20), random synthetic fitness, " + children
                + " cycles: children proposed per second (" + String.format(java.util.Locale.ROOT, "%.1f", attempts / (double) children)
                + " mutants tried per child; " + skipped + " skipped, no valid mutant in 2500)", children / tChildren, "/s"));
        long t1 = System.nanoTime();
        String text = s.toText();
        EvolutionState.parse(text);
        rows.add(BenchCommand.row("evolution state: serialise + restore (100 members, " + text.length() + " characters)",
                (System.nanoTime() - t1) / 1e6, "ms"));
        // 5. parse + canonical form + hash
        List<String> texts = new ArrayList<>();
        for (Cell c : mutants) {
            texts.add(c.toExpr().text());
        }
        double tParse = best(repeats, () -> {
            for (String t : texts) {
                ExprParser.parse(t).hash();
            }
        });
        rows.add(BenchCommand.row("parse + canonical form + hash, expressions per second", texts.size() / tParse, "/s"));
        // 6. the loss on NDArrays: cross-entropy as a cell vs DJL's softmax cross-entropy, forward + backward
        err.println("bench nlfs: NDArray loss...");
        double[] ms = ndLossMs(repeats, Math.max(5, Math.min(200, candidates / 100)));
        rows.add(BenchCommand.row("cross-entropy cell, forward + backward on (128, 10) float32 logits", ms[0], "ms"));
        rows.add(BenchCommand.row("DJL SoftmaxCrossEntropyLoss, same batch", ms[1], "ms"));
        rows.add(BenchCommand.row("Baikal-style cell with a Bessel operator (i0e, host-evaluated), same batch", ms[2], "ms"));
        return rows;
    }

    private static double syntheticFitness(Candidate c) {
        return (c.hash().hashCode() & 0xffff) / 65536.0;
    }

    private static String pct(int k, int n) {
        return String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * k / n);
    }

    /** Best wall time in seconds of {@code repeats} runs after one warm-up run. */
    private static double best(int repeats, Runnable r) {
        r.run();
        double best = Double.MAX_VALUE;
        for (int k = 0; k < repeats; k++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }

    private static double[] ndLossMs(int repeats, int steps) {
        NlfsDjlLoss ce = new NlfsDjlLoss("ce", NlfsLoss.of("-(y * ln(|yhat|))"), true);
        NlfsDjlLoss bessel = new NlfsDjlLoss("bessel", new NlfsLoss(Cell.fromExpr(ExprParser.parse("-(ln(|yhat|) - y * i0e(yhat))")), false, 0), true);
        Loss djl = Loss.softmaxCrossEntropyLoss();
        Loss[] losses = {ce, djl, bessel};
        double[] out = new double[3];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.randomNormal(new Shape(128, 10), DataType.FLOAT32);
            NDArray labels = m.randomInteger(0, 10, new Shape(128), DataType.INT32).toType(DataType.FLOAT32, false);
            for (int i = 0; i < 3; i++) {
                double best = Double.MAX_VALUE;
                for (int rep = 0; rep <= repeats; rep++) {
                    long t = System.nanoTime();
                    for (int k = 0; k < steps; k++) {
                        try (NDManager step = m.newSubManager()) {
                            NDArray z = logits.duplicate();
                            z.attach(step);
                            z.setRequiresGradient(true);
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                gc.backward(losses[i].evaluate(new NDList(labels), new NDList(z)));
                            }
                            z.getGradient().toFloatArray();
                        }
                    }
                    double per = (System.nanoTime() - t) / 1e6 / steps;
                    if (rep > 0) {
                        best = Math.min(best, per);
                    }
                }
                out[i] = best;
            }
        }
        return out;
    }
}
