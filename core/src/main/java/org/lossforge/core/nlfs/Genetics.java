package org.lossforge.core.nlfs;

import java.util.SplittableRandom;

/**
 * Random cells and the mutation operator of the authors' code (nlfs-paper.md §1.1, §2.2). Both draw only from
 * the generator they are given, so a caller that derives it from (seed, index) gets the same cells on every run.
 * Neither checks validity; the caller does (structure, integrity, de-duplication).
 */
public final class Genetics {

    /** What a mutation changed. */
    public enum Kind { OPERATOR, CONNECTION, ARITY }

    /** A mutated cell, the node that changed and how. */
    public record Mutant(Cell cell, int node, Kind kind) {
    }

    private Genetics() {
    }

    /**
     * A random cell as the authors initialise one: each hidden node unary with p = 0.7 (else binary), the root
     * unary with p = 0.2; every node draws both a unary (uniform of 27) and a binary operator (uniform of 7);
     * a hidden node's inputs are drawn from the operands and the other hidden nodes (never itself), the root's
     * from the hidden nodes; a binary node's second input differs from its first. May be cyclic or unusable.
     */
    public static Cell random(SplittableRandom r) {
        Node[] nodes = new Node[Cell.HIDDEN + 1];
        for (int h = 0; h < Cell.HIDDEN; h++) {
            int self = Cell.OPERANDS + h;
            boolean binary = r.nextDouble() >= 0.7;
            UnaryOp u = UnaryOp.of(r.nextInt(UnaryOp.count()));
            BinaryOp b = BinaryOp.of(r.nextInt(BinaryOp.count()));
            int left = drawExcept(r, 0, Cell.ROOT, self, -1);
            int right = binary ? drawExcept(r, 0, Cell.ROOT, self, left) : -1;
            nodes[h] = new Node(binary, u, b, left, right);
        }
        boolean binary = r.nextDouble() >= 0.2;
        UnaryOp u = UnaryOp.of(r.nextInt(UnaryOp.count()));
        BinaryOp b = BinaryOp.of(r.nextInt(BinaryOp.count()));
        int left = drawExcept(r, Cell.OPERANDS, Cell.ROOT, -1, -1);
        int right = binary ? drawExcept(r, Cell.OPERANDS, Cell.ROOT, left, -1) : -1;
        nodes[Cell.HIDDEN] = new Node(binary, u, b, left, right);
        return new Cell(java.util.List.of(nodes));
    }

    /** Uniform over [from, to) without the (up to two) excluded values. */
    private static int drawExcept(SplittableRandom r, int from, int to, int ex1, int ex2) {
        int n = to - from - (ex1 >= from && ex1 < to ? 1 : 0) - (ex2 >= from && ex2 < to && ex2 != ex1 ? 1 : 0);
        int k = r.nextInt(n);
        for (int v = from; v < to; v++) {
            if (v == ex1 || v == ex2) {
                continue;
            }
            if (k-- == 0) {
                return v;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * One mutation of a well-formed parent. A node is picked uniformly among the active hidden nodes and the root;
     * r ~ U(0, 1): r ≥ 0.30 changes its operator to another of the same arity (uniform); 0.15 ≤ r &lt; 0.30
     * changes a connection; r &lt; 0.15 flips the arity. The new source c is uniform over the cell indices
     * 0–8 that are not inputs of the node (it may be the node itself or the root; the cycle check rejects
     * those). Connection: a unary node's input becomes c; a binary node swaps its inputs with p = 0.2, else
     * replaces its left (p = 0.5) or right input with c. Arity: unary → binary takes its stored binary operator
     * and, with p = 0.5, c as the right input, else the old input moves right and c becomes the left; binary →
     * unary takes its stored unary operator and drops the right input (p = 0.5) or the left one.
     */
    public static Mutant mutate(Cell parent, SplittableRandom r) {
        boolean[] active = parent.active();
        int[] candidates = new int[Cell.HIDDEN + 1];
        int count = 0;
        for (int i = Cell.OPERANDS; i < Cell.SIZE; i++) {
            if (active[i]) {
                candidates[count++] = i;
            }
        }
        double u = r.nextDouble();
        int idx = candidates[r.nextInt(count)];
        Node n = parent.node(idx);
        Node m;
        Kind kind;
        if (u >= 0.30) {
            kind = Kind.OPERATOR;
            if (n.binary()) {
                BinaryOp op = BinaryOp.of(drawExcept(r, 0, BinaryOp.count(), n.binaryOp().index(), -1));
                m = new Node(true, n.unaryOp(), op, n.left(), n.right());
            } else {
                UnaryOp op = UnaryOp.of(drawExcept(r, 0, UnaryOp.count(), n.unaryOp().index(), -1));
                m = new Node(false, op, n.binaryOp(), n.left(), -1);
            }
        } else if (u >= 0.15) {
            kind = Kind.CONNECTION;
            int c = drawExcept(r, 0, Cell.SIZE, n.left(), n.binary() ? n.right() : -1);
            if (!n.binary()) {
                m = new Node(false, n.unaryOp(), n.binaryOp(), c, -1);
            } else if (r.nextDouble() <= 0.20) {
                m = new Node(true, n.unaryOp(), n.binaryOp(), n.right(), n.left());
            } else if (r.nextDouble() < 0.5) {
                m = new Node(true, n.unaryOp(), n.binaryOp(), c, n.right());
            } else {
                m = new Node(true, n.unaryOp(), n.binaryOp(), n.left(), c);
            }
        } else {
            kind = Kind.ARITY;
            int c = drawExcept(r, 0, Cell.SIZE, n.left(), n.binary() ? n.right() : -1);
            if (!n.binary()) {
                m = r.nextDouble() <= 0.5 ? new Node(true, n.unaryOp(), n.binaryOp(), n.left(), c)
                        : new Node(true, n.unaryOp(), n.binaryOp(), c, n.left());
            } else {
                m = r.nextDouble() <= 0.5 ? new Node(false, n.unaryOp(), n.binaryOp(), n.left(), -1)
                        : new Node(false, n.unaryOp(), n.binaryOp(), n.right(), -1);
            }
        }
        return new Mutant(parent.with(idx, m), idx, kind);
    }
}
