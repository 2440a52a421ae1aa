package org.lossforge.core.nlfs;

import java.util.Arrays;

/**
 * A loss to train, proposed by {@link Evolution#propose(EvolutionState)}: the step and training try it belongs to
 * (its identity: {@code accept}/{@code fail} refuse a candidate for another step), why it is trained
 * ({@link Stage}), its parent (−1 for a random initial loss), cell, canonical expression and hash, the flip and
 * phenotype of its integrity check, and how many mutants were tried to find it.
 */
public record Candidate(long step, int trainingTry, Stage stage, long parentId, Cell cell, String expression, String hash,
                        boolean flip, float[] phenotype, int mutationAttempts) {

    /** INITIAL: a random loss of the initial pool; RESCORE: a kept initial loss trained again; CHILD: a mutant. */
    public enum Stage { INITIAL, RESCORE, CHILD }

    public Candidate {
        phenotype = phenotype.clone();
    }

    /** The loss to train (no label smoothing; the authors' final code uses none). */
    public NlfsLoss loss() {
        return new NlfsLoss(cell, flip, 0);
    }

    @Override
    public float[] phenotype() {
        return phenotype.clone();
    }

    float[] phenotypeRef() {
        return phenotype;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidate c && step == c.step && trainingTry == c.trainingTry && stage == c.stage
                && parentId == c.parentId && cell.equals(c.cell) && expression.equals(c.expression) && hash.equals(c.hash)
                && flip == c.flip && Arrays.equals(phenotype, c.phenotype) && mutationAttempts == c.mutationAttempts;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + trainingTry * 17 + cell.hashCode();
    }

    @Override
    public String toString() {
        return stage + " step " + step + (trainingTry > 0 ? " try " + trainingTry : "") + (parentId >= 0 ? " from #" + parentId : "")
                + ": " + (flip ? "flipped " : "") + expression + " [" + hash + "]";
    }
}
