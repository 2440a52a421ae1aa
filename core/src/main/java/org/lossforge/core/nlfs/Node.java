package org.lossforge.core.nlfs;

/**
 * One operation node of the cell. Like the authors' genome it stores <b>both</b> a unary and a binary operator;
 * {@link #binary()} says which one is in use (the other is dormant and comes back when an arity-flip mutation
 * changes the arity, nlfs-paper.md §2.2). {@code left} is the first (only, for a unary node) input and
 * {@code right} the second input of a binary node, −1 for a unary node; inputs are cell indices 0–8
 * ({@link Cell}). A binary node's two inputs differ (the adjacency matrix holds one edge per input).
 */
public record Node(boolean binary, UnaryOp unaryOp, BinaryOp binaryOp, int left, int right) {

    public Node {
        if (unaryOp == null || binaryOp == null) {
            throw new IllegalArgumentException("a node stores both a unary and a binary operator");
        }
        checkInput(left);
        if (binary) {
            checkInput(right);
            if (right == left) {
                throw new IllegalArgumentException("a binary node's two inputs must differ, both are " + left);
            }
        } else if (right != -1) {
            throw new IllegalArgumentException("a unary node has no second input, got " + right);
        }
    }

    private static void checkInput(int i) {
        if (i < 0 || i >= Cell.SIZE) {
            throw new IllegalArgumentException("node input must be a cell index in [0, " + Cell.SIZE + "), got " + i);
        }
    }

    public static Node unary(UnaryOp op, BinaryOp dormant, int input) {
        return new Node(false, op, dormant, input, -1);
    }

    public static Node binary(BinaryOp op, UnaryOp dormant, int left, int right) {
        return new Node(true, dormant, op, left, right);
    }

    /** True if {@code index} is one of this node's inputs. */
    public boolean hasInput(int index) {
        return left == index || (binary && right == index);
    }
}
