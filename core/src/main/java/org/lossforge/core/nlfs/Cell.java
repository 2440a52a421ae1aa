package org.lossforge.core.nlfs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The NLFS loss cell (nlfs-paper.md §1.1, §1.5): operand indices 0–3 ({@code y}, {@code yhat}, {@code 1},
 * {@code −1}), hidden nodes 4–7 and the root 8, each a {@link Node}. Only nodes reachable from the root are
 * <i>active</i> (evaluated). A cell is <i>well-formed</i> when its active nodes are acyclic and both {@code y}
 * and {@code yhat} are active ({@link #structuralProblem()}); whether it is a usable loss is then up to
 * {@link IntegrityCheck}. Immutable; {@link #code()} / {@link #parseCode(String)} give a compact text form
 * that keeps the inactive nodes and the dormant operators (what evolution needs), {@link #toExpr()} the loss
 * as an expression.
 */
public record Cell(List<Node> nodes) {

    public static final int Y = 0;
    public static final int YHAT = 1;
    public static final int ONE = 2;
    public static final int NEG_ONE = 3;
    public static final int OPERANDS = 4;
    public static final int HIDDEN = 4;
    public static final int ROOT = 8;
    public static final int SIZE = 9;

    public Cell {
        nodes = List.copyOf(nodes);
        if (nodes.size() != HIDDEN + 1) {
            throw new IllegalArgumentException("a cell has " + (HIDDEN + 1) + " nodes (4 hidden and the root), got " + nodes.size());
        }
    }

    /** The node at cell index 4–8. */
    public Node node(int index) {
        if (index < OPERANDS || index >= SIZE) {
            throw new IllegalArgumentException("operation nodes have indices 4–8, got " + index);
        }
        return nodes.get(index - OPERANDS);
    }

    /** A copy with the node at {@code index} replaced. */
    public Cell with(int index, Node n) {
        List<Node> copy = new ArrayList<>(nodes);
        copy.set(index - OPERANDS, n);
        return new Cell(copy);
    }

    /** active[i]: index i (operand or node) is reachable from the root; the root is always active. */
    public boolean[] active() {
        boolean[] seen = new boolean[SIZE];
        int[] stack = new int[SIZE * 2];
        int top = 0;
        seen[ROOT] = true;
        stack[top++] = ROOT;
        while (top > 0) {
            Node n = node(stack[--top]);
            top = visit(n.left(), seen, stack, top);
            if (n.binary()) {
                top = visit(n.right(), seen, stack, top);
            }
        }
        return seen;
    }

    private static int visit(int i, boolean[] seen, int[] stack, int top) {
        if (!seen[i]) {
            seen[i] = true;
            if (i >= OPERANDS) {
                stack[top++] = i;
            }
        }
        return top;
    }

    /** The active operation nodes in an evaluation order (inputs first, root last); null when they form a cycle. */
    public int[] evaluationOrder() {
        int[] state = new int[SIZE]; // 0 new, 1 on the path, 2 done
        int[] order = new int[HIDDEN + 1];
        int count = postOrder(ROOT, state, order, 0);
        if (count < 0) {
            return null;
        }
        int[] out = new int[count];
        System.arraycopy(order, 0, out, 0, count);
        return out;
    }

    private int postOrder(int i, int[] state, int[] order, int count) {
        if (i < OPERANDS || state[i] == 2) {
            return count;
        }
        if (state[i] == 1) {
            return -1;
        }
        state[i] = 1;
        Node n = node(i);
        count = postOrder(n.left(), state, order, count);
        if (count >= 0 && n.binary()) {
            count = postOrder(n.right(), state, order, count);
        }
        if (count < 0) {
            return -1;
        }
        state[i] = 2;
        order[count] = i;
        return count + 1;
    }

    public boolean acyclic() {
        return evaluationOrder() != null;
    }

    /**
     * Why this cell cannot be a loss before any numbers are computed (validity checks 1–2 of nlfs-paper.md
     * §1.5), or null: the active nodes form a cycle; y or yhat is not used.
     */
    public String structuralProblem() {
        if (!acyclic()) {
            return "the active nodes form a cycle";
        }
        boolean[] a = active();
        if (!a[Y] && !a[YHAT]) {
            return "the loss uses neither y nor yhat";
        }
        if (!a[Y]) {
            return "the loss does not use y";
        }
        if (!a[YHAT]) {
            return "the loss does not use yhat";
        }
        return null;
    }

    /** The loss as an expression (shared nodes are written out at every use). Fails on a cyclic cell. */
    public Expr toExpr() {
        if (!acyclic()) {
            throw new IllegalStateException("the active nodes form a cycle: no expression");
        }
        return expr(ROOT);
    }

    private Expr expr(int i) {
        if (i < OPERANDS) {
            return Expr.Operand.of(i);
        }
        Node n = node(i);
        return n.binary() ? new Expr.Binary(n.binaryOp(), expr(n.left()), expr(n.right()))
                : new Expr.Unary(n.unaryOp(), expr(n.left()));
    }

    /**
     * The cell computing {@code e}: the root is e's top operator; hidden nodes are given to e's distinct
     * sub-expressions in post-order (left before right), so a sub-expression that occurs twice uses one node,
     * except as both inputs of one binary operator (a node's two inputs must differ, so the second copy gets
     * its own node; with a bare operand on both sides, e.g. {@code y * y}, that is impossible). Inactive nodes
     * are {@code -(y)}; a unary node's dormant binary operator is {@code +}, a binary node's dormant unary
     * operator is negation.
     *
     * @throws IllegalArgumentException naming the reason when the cell cannot hold e (a bare operand, more than
     *                                  4 hidden nodes needed, one operand on both sides of a binary operator)
     */
    public static Cell fromExpr(Expr e) {
        if (e instanceof Expr.Operand o) {
            throw new IllegalArgumentException("a bare operand (" + o.text() + ") is not a loss: the root of the cell is an operator");
        }
        Builder b = new Builder();
        Builder.Spec root = b.spec(e);
        int needed = b.hidden.size() + 1;
        if (needed > HIDDEN + 1) {
            throw new IllegalArgumentException("the expression needs " + needed
                    + " operator nodes but the cell has " + (HIDDEN + 1) + " (4 hidden nodes and the root)");
        }
        List<Node> nodes = new ArrayList<>();
        for (Builder.Spec s : b.hidden) {
            nodes.add(s.node());
        }
        Node filler = Node.unary(UnaryOp.NEG, BinaryOp.ADD, Y);
        while (nodes.size() < HIDDEN) {
            nodes.add(filler);
        }
        nodes.add(root.node());
        return new Cell(nodes);
    }

    /** Allocates nodes for an expression; hidden nodes may exceed 4 here (the caller reports it). */
    private static final class Builder {
        record Spec(Expr e, int left, int right) {
            Node node() {
                return e instanceof Expr.Unary u ? Node.unary(u.op(), BinaryOp.ADD, left)
                        : Node.binary(((Expr.Binary) e).op(), UnaryOp.NEG, left, right);
            }
        }

        final List<Spec> hidden = new ArrayList<>();
        final Map<Expr, Integer> memo = new HashMap<>();

        int index(Expr e) {
            if (e instanceof Expr.Operand o) {
                return o.index();
            }
            Integer i = memo.get(e);
            if (i == null) {
                i = fresh(e);
                memo.put(e, i);
            }
            return i;
        }

        int fresh(Expr e) {
            hidden.add(spec(e));
            return OPERANDS + hidden.size() - 1;
        }

        Spec spec(Expr e) {
            if (e instanceof Expr.Unary u) {
                return new Spec(e, index(u.arg()), -1);
            }
            Expr.Binary bin = (Expr.Binary) e;
            int l = index(bin.left());
            int r = index(bin.right());
            if (l == r) {
                if (bin.right() instanceof Expr.Operand o) {
                    throw new IllegalArgumentException("'" + bin.text() + "' applies a binary operator to " + o.text()
                            + " on both sides, which the cell cannot express (a node's two inputs must differ)");
                }
                r = fresh(bin.right());
            }
            return new Spec(e, l, r);
        }
    }

    /**
     * Compact text of all five nodes (4–8), including inactive nodes and dormant operators:
     * {@code U<unary>/<binary>:<input>} or {@code B<unary>/<binary>:<left>,<right>}, separated by spaces.
     */
    public String code() {
        StringBuilder s = new StringBuilder();
        for (Node n : nodes) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(n.binary() ? 'B' : 'U').append(n.unaryOp().index()).append('/').append(n.binaryOp().index())
                    .append(':').append(n.left());
            if (n.binary()) {
                s.append(',').append(n.right());
            }
        }
        return s.toString();
    }

    public static Cell parseCode(String code) {
        String[] parts = code.trim().split("\\s+");
        if (parts.length != HIDDEN + 1) {
            throw new IllegalArgumentException("a cell code has 5 nodes, got " + parts.length + ": '" + code + "'");
        }
        List<Node> nodes = new ArrayList<>();
        for (String p : parts) {
            try {
                char kind = p.charAt(0);
                int slash = p.indexOf('/');
                int colon = p.indexOf(':');
                UnaryOp u = UnaryOp.of(Integer.parseInt(p.substring(1, slash)));
                BinaryOp b = BinaryOp.of(Integer.parseInt(p.substring(slash + 1, colon)));
                String[] in = p.substring(colon + 1).split(",", -1);
                if (kind == 'U' && in.length == 1) {
                    nodes.add(new Node(false, u, b, Integer.parseInt(in[0]), -1));
                } else if (kind == 'B' && in.length == 2) {
                    nodes.add(new Node(true, u, b, Integer.parseInt(in[0]), Integer.parseInt(in[1])));
                } else {
                    throw new IllegalArgumentException("bad node");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad node '" + p + "' in cell code '" + code + "' (expected U<u>/<b>:<in> or B<u>/<b>:<left>,<right>)");
            }
        }
        return new Cell(nodes);
    }

    @Override
    public String toString() {
        return code();
    }
}
