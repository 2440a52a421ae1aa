package org.lossforge.core.nlfs;

import java.util.Arrays;

/**
 * A population member: its id (the step at which it was accepted), birth (the cycle at which it entered; 0 for
 * the initial population, so age = current cycle − birth), cell, fitness and flip. The canonical expression,
 * hash and phenotype are functions of the cell (and flip), computed when the member is made, not serialised.
 * Immutable.
 */
public final class Member {
    private final long id;
    private final long birth;
    private final Cell cell;
    private final double fitness;
    private final String expression;
    private final String hash;
    private final boolean flip;
    private final float[] phenotype;

    private Member(long id, long birth, Cell cell, double fitness, String expression, String hash, boolean flip, float[] phenotype) {
        this.id = id;
        this.birth = birth;
        this.cell = cell;
        this.fitness = fitness;
        this.expression = expression;
        this.hash = hash;
        this.flip = flip;
        this.phenotype = phenotype;
    }

    /** A member from a candidate that passed its checks (reuses what the candidate computed). */
    static Member of(Candidate c, long birth, double fitness) {
        return new Member(c.step(), birth, c.cell(), fitness, c.expression(), c.hash(), c.flip(), c.phenotypeRef());
    }

    /**
     * A member from its stored fields. The expression and hash are recomputed from the cell, the phenotype from
     * the probe curve and the stored flip (not from a new verdict, so a state always loads).
     */
    static Member restore(long id, long birth, Cell cell, double fitness, boolean flip) {
        String problem = cell.structuralProblem();
        if (problem != null) {
            throw new IllegalArgumentException("member " + id + " is not a loss: " + problem);
        }
        Expr e = cell.toExpr().canonical();
        float[] phenotype = IntegrityCheck.normalise(IntegrityCheck.curve(cell), flip);
        return new Member(id, birth, cell, fitness, e.text(), e.hash(), flip, phenotype);
    }

    Member withFitness(double f) {
        return new Member(id, birth, cell, f, expression, hash, flip, phenotype);
    }

    public long id() {
        return id;
    }

    public long birth() {
        return birth;
    }

    public Cell cell() {
        return cell;
    }

    public double fitness() {
        return fitness;
    }

    /** The canonical expression text. */
    public String expression() {
        return expression;
    }

    public String hash() {
        return hash;
    }

    public boolean flip() {
        return flip;
    }

    public float[] phenotype() {
        return phenotype.clone();
    }

    float[] phenotypeRef() {
        return phenotype;
    }

    /** The loss to train or use. */
    public NlfsLoss loss(double labelSmoothing) {
        return new NlfsLoss(cell, flip, labelSmoothing);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Member m && id == m.id && birth == m.birth && Double.compare(fitness, m.fitness) == 0
                && cell.equals(m.cell) && flip == m.flip && hash.equals(m.hash) && Arrays.equals(phenotype, m.phenotype);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + cell.hashCode();
    }

    @Override
    public String toString() {
        return "#" + id + " (born " + birth + ", fitness " + fitness + ") " + (flip ? "flipped " : "") + expression;
    }
}
