package org.lossforge.cli;

import java.io.PrintStream;

/** One sub-command of {@code ./lossforge}. */
public interface Command {

    /** The word after {@code ./lossforge}. */
    String name();

    /** One line for the usage listing. */
    String summary();

    /**
     * Runs the command. Bad input is reported by throwing {@link CliException} (or
     * {@link IllegalArgumentException} from core); {@link Main} turns either into one line on stderr and a
     * non-zero exit code. Returns the exit code on success (normally 0).
     */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
