package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with one line on stderr and a non-zero exit code, never a stack trace. */
class BadInputTest {

    record Run(int code, String out, String err) {}

    static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertOneLineError(Run r, String mustContain) {
        assertNotEquals(0, r.code(), "exit code");
        String e = r.err().strip();
        assertFalse(e.isEmpty(), "an error line is printed");
        assertEquals(1, e.lines().count(), "exactly one line: " + e);
        assertFalse(e.contains("\tat ") || e.contains("Exception"), "no stack trace or exception name: " + e);
        assertTrue(e.contains(mustContain), "'" + e + "' should mention '" + mustContain + "'");
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void unknownCommand() {
        assertOneLineError(run("frobnicate"), "unknown command");
    }

    @Test
    void studyWithUnknownBenchmarkLossOrDatasetOrTooLargeTrainSize() {
        assertOneLineError(run("study", "--benchmark", "nb999", "--seeds", "1"), "nb999");
        assertOneLineError(run("study", "--benchmark", "nb201", "--losses", "focal", "--seeds", "1"), "focal");
        assertOneLineError(run("study", "--benchmark", "nb201", "--datasets", "mnist", "--losses", "mse", "--seeds", "1"), "mnist");
        assertOneLineError(run("study", "--benchmark", "nb201", "--losses", "mse", "--train-sizes", "16000", "--seeds", "1"), "16000");
        assertOneLineError(run("study", "--benchmark", "nb201", "--train-sizes", "ten"), "ten");
        assertOneLineError(run("study", "--benchmark", "nb201", "--sedes", "3"), "--sedes");
        assertOneLineError(run("study", "--benchmark", "nb201", "--losses", "mse", "--eval-metric", "top1", "--seeds", "1"), "top1");
    }

    @Test
    void searchWithBadMethodDatasetBudgetOrSetting() {
        assertOneLineError(run("search", "--benchmark", "nb201", "--methods", "bananas", "--runs", "1"), "bananas");
        assertOneLineError(run("search", "--benchmark", "nb201", "--datasets", "mnist", "--runs", "1"), "mnist");
        assertOneLineError(run("search", "--benchmark", "nb201", "--budget", "16000", "--runs", "1"), "16000");
        assertOneLineError(run("search", "--benchmark", "nb201", "--top-k", "ten", "--runs", "1"), "top_k");
        assertOneLineError(run("search", "--benchmark", "nb201", "--runs", "0"), "runs");
        assertOneLineError(run("search", "--benchmark", "nb201", "--bugdet", "10"), "--bugdet");
        assertOneLineError(run("search", "--benchmark", "nb201", "--pw-loss", "pw:warm=hr,focus=mape,at=3", "--runs", "1"), "pw_switch");
        assertOneLineError(run("search", "--benchmark", "nb201", "--initial", "50", "--budget", "20", "--runs", "1"), "initial");
    }

    @Test
    void metricsAndLossWithBadCsvs(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), "1\n2\n3\n");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path nan = Files.writeString(dir.resolve("nan.csv"), "1\nNaN\n3\n");
        Path shorter = Files.writeString(dir.resolve("short.csv"), "1\n2\n");
        assertOneLineError(run("metrics", "--truth", good.toString(), "--pred", empty.toString()), "empty.csv");
        assertOneLineError(run("metrics", "--truth", good.toString(), "--pred", nan.toString()), "nan.csv");
        assertOneLineError(run("metrics", "--truth", good.toString(), "--pred", shorter.toString()), "3");
        assertOneLineError(run("metrics", "--truth", good.toString(), "--pred", dir.resolve("missing.csv").toString()), "missing.csv");
        assertOneLineError(run("loss", "--name", "focal", "--truth", good.toString(), "--pred", good.toString()), "focal");
        assertOneLineError(run("loss", "--name", "hr", "--truth", good.toString(), "--pred", nan.toString()), "nan.csv");
        assertOneLineError(run("loss", "--name", "hr", "--param", "marg=1", "--truth", good.toString(), "--pred", good.toString()), "marg");
    }

    @Test
    void goodInputsSucceedThroughMain(@TempDir Path dir) throws Exception {
        Path t = Files.writeString(dir.resolve("t.csv"), "3\n2\n1\n");
        Path p = Files.writeString(dir.resolve("p.csv"), "0.05\n0.2\n0\n");
        Run r = run("loss", "--name", "hr", "--truth", t.toString(), "--pred", p.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"loss\":\"hr\""), r.out());
    }

    @Test
    void surrogateWithUnknownLossPresetOrSubcommand() {
        assertOneLineError(run("surrogate", "eval", "--loss", "mse"), "not a loss (ce, baikal or a valid cell expression) 'mse': parse error");
        assertOneLineError(run("surrogate", "eval", "--loss", "y * y"), "not a loss");
        assertOneLineError(run("surrogate", "final", "--run", "x", "--losses", "-(y * ln(|yhat|));y +"), "not a loss");
        assertOneLineError(run("surrogate", "eval", "--loss", "ce", "--preset", "huge"), "--preset must be one of [tiny, cpu, paper, paper-standard], got 'huge'");
        assertOneLineError(run("surrogate", "eval", "--loss", "ce", "--dataset", "mnist"), "--dataset must be one of");
        assertOneLineError(run("surrogate", "final", "--run", "x", "--seeds", "3"), "--seeds must be at least 6");
        assertOneLineError(run("surrogate", "fly"), "usage: ./lossforge surrogate");
        assertOneLineError(run("surrogate", "eval", "--loss", "ce", "--lr", "1"), "unknown option --lr");
    }
}
