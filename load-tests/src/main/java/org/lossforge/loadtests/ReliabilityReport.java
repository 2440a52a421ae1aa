package org.lossforge.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chaos run's section of docs/reliability.md: what ran, the faults, the invariants checked and the figures. Each
 * scenario owns the text between {@code <!-- chaos:NAME -->} and {@code <!-- /chaos:NAME -->}; a new run of the same
 * scenario replaces it and leaves the rest of the file as it is.
 */
public final class ReliabilityReport {

    private ReliabilityReport() {
    }

    /** The section's markdown. */
    public static String section(ChaosRun.Result r, String command, String machine) {
        ChaosRun.Scenario s = r.scenario();
        OracleStudy st = s.study();
        StringBuilder b = new StringBuilder();
        b.append("### Scenario `").append(s.name()).append("`\n\n");
        b.append("Command: `").append(command).append("` (").append(machine).append("; ")
                .append(java.time.LocalDate.now()).append(").\n\n");
        b.append(String.format(Locale.ROOT, "- Platform: %d broker node(s) (child JVMs, replication factor %d), the dev "
                        + "registry, candidate-generator, %d predictor-trainer(s) in oracle mode (noise %.2f, simulated fit "
                        + "%d ms), evaluator, ranker; started in %.1f s.%n", s.setup().brokers(),
                s.setup().brokers() >= 3 ? 3 : 1, s.setup().trainers(), s.setup().oracleNoise(),
                s.setup().oracleFitTime().toMillis(), r.startupMillis() / 1e3));
        b.append(String.format(Locale.ROOT, "- Study `%s`: NB201 CIFAR-10, %d losses × train sizes %s × %d seeds = "
                        + "**%d jobs**; completed in %.1f s with the faults below.%n", st.id(), st.losses().size(),
                st.trainSizes(), st.seeds(), st.trials(), r.studyMillis() / 1e3));
        b.append("- Fault schedule seed **").append(r.schedule().seed()).append("** (replay: `--seed ")
                .append(r.schedule().seed()).append("`); faults applied: ");
        Map<FaultSchedule.Kind, Integer> applied = new EnumMap<>(FaultSchedule.Kind.class);
        for (ChaosRun.Recovery rec : r.recoveries()) {
            applied.merge(rec.fault().kind(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        applied.forEach((k, n) -> parts.add(n + " × " + k));
        b.append(parts.isEmpty() ? "none" : String.join(", ", parts)).append(" (")
                .append(r.recoveries().size()).append(" of ").append(r.schedule().faults().size()).append(" scheduled).\n");
        b.append("- Supervisor (kubelet) restarts: ").append(r.supervisor().isEmpty() ? "none"
                : r.supervisor().size() + " (" + String.join("; ", r.supervisor()) + ")").append(".\n\n");

        b.append("| invariant | result |\n|---|---|\n");
        b.append(row("every configuration counts exactly its seeds (lost)", r.lost() == 0, r.lost() + " lost of "
                + r.trials()));
        b.append(row("no trial id counted twice (duplicated)", r.duplicated() == 0, r.duplicated() + " duplicated; "
                + r.counted() + " counted"));
        b.append(row("every trial on " + "`lossforge.evaluations.v1`", r.distinctEvaluated() == r.trials(),
                r.distinctEvaluated() + " distinct trials in " + r.evaluationRecords() + " records ("
                        + (r.evaluationRecords() - r.distinctEvaluated()) + " redelivered copies, absorbed by the ranker)"));
        b.append(row("leaderboard (per trial, and mean/std of 10 metrics) equals core within 1e-9",
                r.maxAbsError() <= 1e-9, String.format(Locale.ROOT, "largest absolute difference %.3g", r.maxAbsError())));
        b.append(row("no valid event dead-lettered", r.deadLetters() == 0, r.deadLetters() + " dead letters"));
        b.append("\n**").append(r.passed() ? "PASSED" : "FAILED").append("**");
        if (!r.passed()) {
            b.append(": ").append(String.join("; ", r.violations().subList(0, Math.min(10, r.violations().size()))));
        }
        b.append("\n\n");

        b.append("Recovery in seconds, from the fault: *ready*, the component is back (its `/q/health/ready`, or the "
                + "broker answering metadata requests; for a pause, the end of the pause); *moving*, its stage's output "
                + "grows again (trainer: prediction sets; evaluator, broker, registry: evaluations; ranker, generator: the "
                + "leaderboard's count). A dash: the study was complete before anything could move.\n\n| fault | n | ready median | ready max | moving median | moving max |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (FaultSchedule.Kind k : FaultSchedule.Kind.values()) {
            List<Long> ready = new ArrayList<>(), moving = new ArrayList<>();
            for (ChaosRun.Recovery rec : r.recoveries()) {
                if (rec.fault().kind() == k) {
                    ready.add(rec.readyMillis());
                    if (rec.progressMillis() != null) {
                        moving.add(rec.progressMillis());
                    }
                }
            }
            if (ready.isEmpty()) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", k, ready.size(), sec(median(ready)),
                    sec(max(ready)), sec(median(moving)), sec(max(moving))));
        }
        b.append("\n<details><summary>every fault</summary>\n\n| # | fault | prediction sets at the fault | +ms | ready s | moving s |\n"
                + "|---:|---|---:|---:|---:|---:|\n");
        for (ChaosRun.Recovery rec : r.recoveries()) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %s | %s |%n", rec.fault().index(),
                    rec.fault().kind(), rec.trainedAt(), rec.fault().delayMillis(), sec(rec.readyMillis()),
                    rec.progressMillis() == null ? "—" : sec(rec.progressMillis())));
        }
        b.append("\n</details>\n");
        return b.toString();
    }

    private static String row(String what, boolean ok, String figures) {
        return "| " + what + " | " + (ok ? "✔ " : "✘ ") + figures + " |\n";
    }

    private static String sec(Long ms) {
        return ms == null ? "—" : String.format(Locale.ROOT, "%.1f", ms / 1e3);
    }

    private static Long median(List<Long> v) {
        if (v.isEmpty()) {
            return null;
        }
        List<Long> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static Long max(List<Long> v) {
        return v.stream().max(Long::compare).orElse(null);
    }

    /** Replaces (or appends) the scenario's section in {@code file}. */
    public static void write(Path file, String scenario, String section) {
        String begin = "<!-- chaos:" + scenario + " -->", end = "<!-- /chaos:" + scenario + " -->";
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Reliability\n\n";
            String block = begin + "\n" + section + end;
            int i = text.indexOf(begin), j = text.indexOf(end);
            if (i >= 0 && j > i) {
                text = text.substring(0, i) + block + text.substring(j + end.length());
            } else {
                text = text + (text.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
