package org.lossforge.cli;

/** A user error: printed as one line ("lossforge: <message>") with exit code {@link #exitCode()}. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, 2);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
