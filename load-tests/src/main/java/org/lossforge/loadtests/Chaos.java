package org.lossforge.loadtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.lossforge.e2e.BadInputs;
import org.lossforge.e2e.Platform;
import org.lossforge.testkit.RepoRoot;

/**
 * {@code load-tests/run SCENARIO [--seed N] [--seeds K] [--fit-ms MS] [--no-report]} (also {@code ./lossforge chaos …}):
 * runs one load-and-fault scenario and, unless told not to, rewrites its section of docs/reliability.md. Exit code 0
 * when every invariant held, 1 when one did not, 2 on bad arguments.
 *
 * <p>Scenarios (the study is NB201 CIFAR-10 through the trainer's oracle mode; every wait is bounded):
 * <ul>
 *   <li>{@code short}: 36 jobs; one SIGKILL of the trainer, of the ranker, and of the broker (restarted). What
 *       {@code ShortChaosTest} runs in {@code mvn verify}.</li>
 *   <li>{@code services}: 9 losses × 4 train sizes × 28 seeds = 1,008 jobs; 20 SIGKILLs of each service and 5 of
 *       the broker, in a seeded random order.</li>
 *   <li>{@code replicated}: three broker nodes, replication factor 3: 4 SIGKILLs of a node (restarted), then one node
 *       lost for good; 120 jobs.</li>
 *   <li>{@code registry}: the registry stopped (SIGSTOP) for 15 s, twice, with the trainer and evaluator killed and
 *       restarted while it is away; 120 jobs.</li>
 *   <li>{@code stall}: two trainers; the first is stopped (SIGSTOP) for 15 s, three times, as a fit stuck past its
 *       session timeout; 120 jobs.</li>
 * </ul>
 */
public final class Chaos {

    private Chaos() {
    }

    /** The scenario of a name, with the study's seed count and the oracle's fit time. */
    public static ChaosRun.Scenario scenario(String name, long seed, Integer seeds, Long fitMillis) {
        Map<FaultSchedule.Kind, Integer> f = new EnumMap<>(FaultSchedule.Kind.class);
        List<String> three = List.of("mse", "hr", "listmle");
        return switch (name) {
            case "short" -> {
                f.put(FaultSchedule.Kind.KILL_TRAINER, 1);
                f.put(FaultSchedule.Kind.KILL_RANKER, 1);
                f.put(FaultSchedule.Kind.KILL_BROKER, 1);
                yield new ChaosRun.Scenario(name, setup(1, 1, fitMillis, 2500),
                        new OracleStudy("chaos-short", three, List.of(20), or(seeds, 12), 7, 1.0), f, seed,
                        Duration.ofMinutes(10));
            }
            case "services" -> {
                for (FaultSchedule.Kind k : List.of(FaultSchedule.Kind.KILL_TRAINER, FaultSchedule.Kind.KILL_EVALUATOR,
                        FaultSchedule.Kind.KILL_RANKER, FaultSchedule.Kind.KILL_GENERATOR)) {
                    f.put(k, 20);
                }
                f.put(FaultSchedule.Kind.KILL_BROKER, 5);
                yield new ChaosRun.Scenario(name, setup(1, 1, fitMillis, 1500),
                        new OracleStudy("chaos-services", List.of("mse", "hr", "lr", "mse_sr", "listmle", "ew", "mape",
                                "warp", "pw"), List.of(50, 100, 200, 400), or(seeds, 28), 7, 1.0), f, seed,
                        Duration.ofMinutes(150));
            }
            case "replicated" -> {
                f.put(FaultSchedule.Kind.KILL_BROKER, 4);
                f.put(FaultSchedule.Kind.LOSE_BROKER, 1);
                yield new ChaosRun.Scenario(name, setup(3, 1, fitMillis, 500),
                        new OracleStudy("chaos-replicated", three, List.of(20, 50), or(seeds, 20), 7, 1.0), f, seed,
                        Duration.ofMinutes(30));
            }
            case "registry" -> {
                f.put(FaultSchedule.Kind.PAUSE_REGISTRY, 2);
                yield new ChaosRun.Scenario(name, setup(1, 1, fitMillis, 500),
                        new OracleStudy("chaos-registry", three, List.of(20, 50), or(seeds, 20), 7, 1.0), f, seed,
                        Duration.ofMinutes(30));
            }
            case "stall" -> {
                f.put(FaultSchedule.Kind.STALL_TRAINER, 3);
                yield new ChaosRun.Scenario(name, setup(1, 2, fitMillis, 500),
                        new OracleStudy("chaos-stall", three, List.of(20, 50), or(seeds, 20), 7, 1.0), f, seed,
                        Duration.ofMinutes(30));
            }
            default -> throw new IllegalArgumentException("unknown scenario '" + name
                    + "' (short, services, replicated, registry, stall)");
        };
    }

    private static ChaosPlatform.Setup setup(int brokers, int trainers, Long fitMillis, long defaultFit) {
        return new ChaosPlatform.Setup(brokers, trainers, 1.0, Duration.ofMillis(fitMillis != null ? fitMillis : defaultFit));
    }

    private static int or(Integer v, int d) {
        return v != null ? v : d;
    }

    public static void main(String[] args) {
        String name = null;
        long seed = System.currentTimeMillis() % 100_000;
        Integer seeds = null;
        Long fit = null;
        int perKind = 50;
        boolean report = true;
        List<String> command = new ArrayList<>(List.of("./lossforge", "chaos"));
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                    case "--fit-ms" -> fit = Long.parseLong(args[++i]);
                    case "--per-kind" -> perKind = Integer.parseInt(args[++i]);
                    case "--no-report" -> report = false;
                    default -> {
                        if (args[i].startsWith("-") || name != null) {
                            throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                        }
                        name = args[i];
                    }
                }
            }
            if (name == null) {
                throw new IllegalArgumentException("which scenario? (short, services, replicated, registry, stall)");
            }
        } catch (RuntimeException e) {
            System.err.println("chaos: " + e.getMessage() + "\nusage: ./lossforge chaos SCENARIO [--seed N] [--seeds K] "
                    + "[--fit-ms MS] [--no-report]\n       ./lossforge chaos bad-input [--seed N] [--per-kind K] [--no-report]");
            System.exit(2);
            return;
        }
        Path root = RepoRoot.find();
        String machine = Runtime.getRuntime().availableProcessors() + " cores";
        if (name.equals("bad-input")) {
            System.exit(badInput(root, seed, perKind, report, machine));
            return;
        }
        ChaosRun.Scenario s;
        try {
            s = scenario(name, seed, seeds, fit);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.exit(2);
            return;
        }
        command.add(name);
        command.add("--seed");
        command.add(Long.toString(seed));
        if (seeds != null) {
            command.addAll(List.of("--seeds", seeds.toString()));
        }
        if (fit != null) {
            command.addAll(List.of("--fit-ms", fit.toString()));
        }
        ChaosRun.Result r = new ChaosRun(s, System.out).run(root.resolve("load-tests/target/chaos-logs").resolve(name));
        if (report) {
            ReliabilityReport.write(root.resolve("docs/reliability.md"), name,
                    ReliabilityReport.section(r, String.join(" ", command), machine));
            System.out.println("wrote its section of docs/reliability.md");
        }
        System.exit(r.passed() ? 0 : 1);
    }

    /**
     * {@code bad-input}: services/e2e's {@link BadInputs} campaign, {@code perKind} inputs of each kind against the
     * platform (in-process broker, registry, the four services), with a study and a search posted during it.
     */
    private static int badInput(Path root, long seed, int perKind, boolean report, String machine) {
        BadInputs.Result r;
        try (Platform platform = Platform.start(root.resolve("load-tests/target/chaos-logs/bad-input"),
                BadInputs.platformSettings())) {
            r = BadInputs.each(seed, perKind).run(platform, Duration.ofMinutes(40), System.out::println);
        }
        String table = r.markdown();
        System.out.println(table);
        boolean ok = r.allHandled() && r.crashes() == 0 && r.canary() == null;
        if (report) {
            String section = "### Scenario `bad-input`\n\nCommand: `./lossforge chaos bad-input --seed " + seed
                    + " --per-kind " + perKind + "` (" + machine + "; " + java.time.LocalDate.now() + "). Every kind "
                    + "ended as it must (dead letter with a reason, refused by the broker, a 4xx, or a FAILED trial): **"
                    + (ok ? "yes" : "NO") + "**; services crashed or not ready afterwards: **" + r.crashes() + "**.\n\n"
                    + table;
            ReliabilityReport.write(root.resolve("docs/reliability.md"), "bad-input", section);
            System.out.println("wrote its section of docs/reliability.md");
        }
        return ok ? 0 : 1;
    }
}
