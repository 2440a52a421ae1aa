package org.lossforge.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point of {@code ./lossforge}: dispatches to a {@link Command}; bad input never prints a stack trace. */
public final class Main {

    static List<Command> commands() {
        return List.of(new StudyCommand(), new SearchCommand(), new MetricsCommand(), new LossCommand(), new BenchCommand(),
                new LeaderboardCommand(), new InjectCommand(), new NlfsCommand(), new SurrogateCommand());
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command c : commands()) {
            byName.put(c.name(), c);
        }
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            usage(byName, argv.length == 0 ? err : out);
            return argv.length == 0 ? 2 : 0;
        }
        Command c = byName.get(argv[0]);
        if (c == null) {
            err.println("lossforge: unknown command '" + argv[0] + "' (commands: " + String.join(", ", byName.keySet()) + ")");
            return 2;
        }
        try {
            return c.run(Args.parse(argv, 1), out, err);
        } catch (CliException e) {
            err.println("lossforge " + c.name() + ": " + e.getMessage());
            return e.exitCode();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("lossforge " + c.name() + ": " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("lossforge " + c.name() + ": I/O error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("lossforge " + c.name() + ": unexpected error: " + e);
            return 1;
        }
    }

    private static void usage(Map<String, Command> byName, PrintStream s) {
        s.println("usage: ./lossforge <command> [options]");
        for (Command c : byName.values()) {
            s.printf("  %-10s %s%n", c.name(), c.summary());
        }
    }
}
