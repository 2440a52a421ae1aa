package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCommandTest {

    @TempDir
    Path dir;

    private Path csv(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** Runs the command; returns its stdout (one line). */
    private String run(String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new LossCommand().run(Args.parse(argv, 0), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hingeRankingValueAndGradient() throws Exception {
        Path pred = csv("p.csv", "0.05\n0.2\n0.0\n");
        Path truth = csv("t.csv", "3\n2\n1\n");
        String line = run("--name", "hr", "--pred", pred.toString(), "--truth", truth.toString());
        assertEquals(1, line.strip().lines().count(), "one JSON line");
        JsonNode j = new ObjectMapper().readTree(line);
        assertEquals("hr", j.get("loss").asText());
        // P = {(0,1), (0,2), (1,2)}, m = 0.1: hinges 0.1 + 0.15 = 0.25, 0.1 − 0.05 = 0.05, 0.1 − 0.2 < 0 → 0
        // value = (0.25 + 0.05 + 0)/3 = 0.1
        assertEquals(0.1, j.get("value").asDouble(), 1e-12);
        // active pairs (0,1), (0,2): each gives −1/3 to ŷ_i and +1/3 to ŷ_j → grad (−2/3, 1/3, 1/3)
        JsonNode g = j.get("grad");
        assertEquals(3, g.size());
        assertEquals(-2.0 / 3, g.get(0).asDouble(), 1e-12);
        assertEquals(1.0 / 3, g.get(1).asDouble(), 1e-12);
        assertEquals(1.0 / 3, g.get(2).asDouble(), 1e-12);
    }

    @Test
    void parametersReachTheLoss() throws Exception {
        Path pred = csv("p.csv", "0.05\n0.2\n0.0\n");
        Path truth = csv("t.csv", "3\n2\n1\n");
        // m = 1: 1.15 + 0.95 + 0.8 = 2.9 → 2.9/3; every pair active → grad (−2/3, 0, 2/3)
        JsonNode j = new ObjectMapper().readTree(run("--name", "hr", "--param", "margin=1", "--pred", pred.toString(),
                "--truth", truth.toString()));
        assertEquals(2.9 / 3, j.get("value").asDouble(), 1e-12);
        assertEquals(-2.0 / 3, j.get("grad").get(0).asDouble(), 1e-12);
        assertEquals(0.0, j.get("grad").get(1).asDouble(), 1e-12);
        assertEquals(2.0 / 3, j.get("grad").get(2).asDouble(), 1e-12);
    }

    @Test
    void mseSrSeedIsACliParameter() throws Exception {
        // seed 5 draws τ = (2, 1, 0); pred (1, 0, 2), truth (0, 1, 3): MSE 1, SR 4/3 → 1 + 0.1·4/3
        Path pred = csv("p.csv", "1\n0\n2\n");
        Path truth = csv("t.csv", "0\n1\n3\n");
        JsonNode j = new ObjectMapper().readTree(run("--name", "mse_sr", "--param", "seed=5", "--pred", pred.toString(),
                "--truth", truth.toString()));
        assertEquals(1 + 0.1 * 4 / 3, j.get("value").asDouble(), 1e-12);
    }

    /** The command must fail with a one-line CliException. */
    private CliException cliError(String... argv) {
        CliException e = assertThrows(CliException.class, () -> run(argv));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void fileErrorsAreOneLineAndNameFileAndLine() throws Exception {
        Path good = csv("good.csv", "1\n2\n3\n");
        Path missing = dir.resolve("missing.csv");
        CliException e = cliError("--name", "mse", "--pred", missing.toString(), "--truth", good.toString());
        assertTrue(e.getMessage().contains("missing.csv"), e.getMessage());

        Path empty = csv("empty.csv", "\n\n");
        e = cliError("--name", "mse", "--pred", empty.toString(), "--truth", good.toString());
        assertTrue(e.getMessage().contains("empty.csv") && e.getMessage().contains("empty"), e.getMessage());

        Path bad = csv("bad.csv", "1\nabc\n3\n");
        e = cliError("--name", "mse", "--pred", bad.toString(), "--truth", good.toString());
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 2"), e.getMessage());

        Path nan = csv("nan.csv", "1\n2\nNaN\n");
        e = cliError("--name", "mse", "--pred", good.toString(), "--truth", nan.toString());
        assertTrue(e.getMessage().contains("nan.csv") && e.getMessage().contains("line 3"), e.getMessage());

        Path shorter = csv("short.csv", "1\n2\n");
        e = cliError("--name", "mse", "--pred", good.toString(), "--truth", shorter.toString());
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2") && e.getMessage().contains("short.csv"),
                e.getMessage());

        e = cliError("--name", "mse", "--pred", good.toString());
        assertTrue(e.getMessage().contains("--truth"), e.getMessage());
        e = cliError("--name", "mse_sr", "--param", "seed=x", "--pred", good.toString(), "--truth", good.toString());
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }

    @Test
    void unknownLossOrParameterComesFromTheRegistry() throws Exception {
        Path good = csv("good.csv", "1\n2\n3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("--name", "huber", "--pred", good.toString(), "--truth", good.toString()));
        assertTrue(e.getMessage().contains("known: mse"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> run("--name", "hr", "--param", "margn=1", "--pred", good.toString(), "--truth", good.toString()));
        assertTrue(e.getMessage().contains("margn"), e.getMessage());
    }

    @Test
    void everyLossRuns() throws Exception {
        Path pred = csv("p.csv", "0.6\n0.7\n0.4\n0.5\n");
        Path truth = csv("t.csv", "0.55\n0.8\n0.3\n0.5\n");
        for (String name : new String[] {"mse", "hr", "lr", "mse_sr", "listmle", "ew", "mape", "warp"}) {
            JsonNode j = new ObjectMapper().readTree(run("--name", name, "--pred", pred.toString(), "--truth",
                    truth.toString()));
            assertEquals(name, j.get("loss").asText());
            assertTrue(Double.isFinite(j.get("value").asDouble()), name);
            assertEquals(4, j.get("grad").size(), name);
        }
        JsonNode pw = new ObjectMapper().readTree(run("--name", "pw", "--param", "warm=hr", "--param", "focus=mape",
                "--pred", pred.toString(), "--truth", truth.toString()));
        assertEquals("pw", pw.get("loss").asText());
    }
}
