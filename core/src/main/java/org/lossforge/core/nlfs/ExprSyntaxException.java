package org.lossforge.core.nlfs;

/**
 * A loss expression that does not parse: {@link #position()} is the 1-based character position where parsing
 * stopped, {@link #expected()} what would have been accepted there, {@link #found()} what was there. The
 * message is one line: {@code at position 7: expected ')', found ','}.
 */
public final class ExprSyntaxException extends IllegalArgumentException {
    private final int position;
    private final String expected;
    private final String found;

    ExprSyntaxException(int position, String expected, String found) {
        super("at position " + position + ": expected " + expected + ", found " + found);
        this.position = position;
        this.expected = expected;
        this.found = found;
    }

    public int position() {
        return position;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
