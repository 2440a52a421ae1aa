package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private String run(String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new MetricsCommand().run(Args.parse(argv, 0), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private CliException fails(String truth, String pred) throws IOException {
        Path t = file("t.csv", truth);
        Path p = file("p.csv", pred);
        return assertThrows(CliException.class,
                () -> new MetricsCommand().run(Args.parse(new String[] {"--truth", t.toString(), "--pred", p.toString()}, 0),
                        System.out, System.err));
    }

    private static List<String> keys(JsonNode o) {
        List<String> k = new ArrayList<>();
        o.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void smallCaseWithTiesPrintsOneJsonLine() throws Exception {
        // truth [1,2,2,3], pred [1,3,2,3]:
        //  tau_b: C = 4, D = 0, T_x = 1, T_y = 1 -> 4/5 = 0.8
        //  spearman: ranks [1,2.5,2.5,4] vs [1,3.5,2,3.5] -> 3.75/4.5 = 5/6
        //  precision_at: k = floor(4*T/100) = 0 for every T -> null
        //  n_at 1: pred top {1} (tied with 3, lower index wins), truth 2 -> rank 2; K = 5, 10 > n -> null
        Path t = file("truth.csv", "1\n2\n2\n3\n");
        Path p = file("pred.csv", "1\n3\n2\n3\n\n\n");
        String s = run("--truth", t.toString(), "--pred", p.toString());
        assertTrue(s.endsWith("\n"));
        assertEquals(1, s.split("\n", -1).length - 1, "exactly one line: " + s);
        // (tau_b = 4 / sqrt(5) / sqrt(5), scipy's operation order, prints as 0.7999999999999999; checked below)
        assertTrue(s.startsWith("{\"n\":4,\"kendall_tau_b\":"), s);
        assertTrue(s.trim().endsWith(
                "\"precision_at\":{\"0.5\":null,\"1\":null,\"5\":null,\"10\":null},\"n_at\":{\"1\":2,\"5\":null,\"10\":null}}"), s);
        JsonNode j = new ObjectMapper().readTree(s);
        assertEquals(List.of("n", "kendall_tau_b", "spearman", "precision_at", "n_at"), keys(j));
        assertEquals(0.8, j.get("kendall_tau_b").asDouble(), 1e-15);
        assertEquals(5.0 / 6, j.get("spearman").asDouble(), 1e-15);
    }

    @Test
    void tenRowsHandComputed() throws Exception {
        // truth [5,9,9,1,2,3,4,0,7,6]: competition ranks idx1,idx2 -> 1, idx8 -> 3, idx9 -> 4, idx0 -> 5
        // pred  [9,1,2,0,0,0,0,0,8,9]: order 0 9 8 2 1 ... (0 before 9 on the tie)
        //  precision_at 10: k = 1, pred top {0} vs true top {1} -> 0; others k = 0 -> null
        //  n_at 1 = rank(0) = 5; n_at 5 = min over {0,9,8,2,1} = 1; n_at 10 = 1
        //  tau_b, pairs by first index (C / D / T_x = tied in truth only / T_y = tied in pred only):
        //    0: C5 D3 Ty1 (D: with 1, 2, 8; Ty: with 9)   1: C5 D2 Tx1 (Tx: with 2; D: with 8, 9)
        //    2: C5 D2   3: C2 Ty4   4: C2 Ty3   5: C2 Ty2   6: C2 Ty1   7: C2   8: D1 (with 9)
        //    C = 25, D = 8, T_x = 1, T_y = 11, no joint ties -> 17 / sqrt(34 * 44)
        Path t = file("truth.csv", "5\n9\n9\n1\n2\n3\n4\n0\n7\n6\n");
        Path p = file("pred.csv", "9\n1\n2\n0\n0\n0\n0\n0\n8\n9\n");
        JsonNode j = new ObjectMapper().readTree(run("--truth", t.toString(), "--pred", p.toString()));
        assertEquals(10, j.get("n").asInt());
        assertEquals(17 / Math.sqrt(34.0 * 44), j.get("kendall_tau_b").asDouble(), 1e-12);
        assertEquals(List.of("0.5", "1", "5", "10"), keys(j.get("precision_at")));
        assertTrue(j.get("precision_at").get("0.5").isNull());
        assertTrue(j.get("precision_at").get("5").isNull());
        assertEquals(0.0, j.get("precision_at").get("10").asDouble(), 0);
        assertEquals(List.of("1", "5", "10"), keys(j.get("n_at")));
        assertEquals(5, j.get("n_at").get("1").intValue());
        assertTrue(j.get("n_at").get("1").isIntegralNumber());
        assertEquals(1, j.get("n_at").get("5").intValue());
        assertEquals(1, j.get("n_at").get("10").intValue());
    }

    @Test
    void badInputThrowsCliExceptionNamingFileAndLine() throws Exception {
        CliException e = fails("1\n2\nabc\n", "1\n2\n3\n");
        assertTrue(e.getMessage().contains("t.csv line 3: 'abc' is not a number"), e.getMessage());
        e = fails("1\n2\n3\n", "1\nNaN\n3\n");
        assertTrue(e.getMessage().contains("p.csv line 2:") && e.getMessage().contains("not a finite"), e.getMessage());
        e = fails("1\n2\n3\n", "1\n-Infinity\n3\n");
        assertTrue(e.getMessage().contains("p.csv line 2:"), e.getMessage());
        e = fails("1\n2\n1e999\n", "1\n2\n3\n");
        assertTrue(e.getMessage().contains("t.csv line 3:"), e.getMessage());
        e = fails("", "1\n2\n");
        assertTrue(e.getMessage().contains("t.csv") && e.getMessage().contains("empty"), e.getMessage());
        e = fails("\n\n", "1\n2\n");
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = fails("1\n2\n3\n", "1\n2\n");
        assertTrue(e.getMessage().contains("t.csv has 3") && e.getMessage().contains("p.csv has 2"), e.getMessage());
        e = fails("1\n", "1\n");
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        e = fails("1\n\n2\n", "1\n2\n");
        assertTrue(e.getMessage().contains("t.csv line 2: blank line"), e.getMessage());
        e = fails("1\n2d\n", "1\n2\n");
        assertTrue(e.getMessage().contains("t.csv line 2: '2d' is not a number"), e.getMessage());

        Path missing = dir.resolve("nope.csv");
        Path p = file("p2.csv", "1\n2\n");
        e = assertThrows(CliException.class, () -> new MetricsCommand().run(
                Args.parse(new String[] {"--truth", missing.toString(), "--pred", p.toString()}, 0), System.out, System.err));
        assertTrue(e.getMessage().contains("nope.csv: no such file"), e.getMessage());
        assertThrows(CliException.class, () -> new MetricsCommand().run(
                Args.parse(new String[] {"--truth", p.toString()}, 0), System.out, System.err));
        assertThrows(CliException.class, () -> new MetricsCommand().run(
                Args.parse(new String[] {"--truth", p.toString(), "--pred", p.toString(), "--prd", "x"}, 0),
                System.out, System.err));
    }

    @Test
    void constantTruthIsAnIllegalArgumentFromCore() throws Exception {
        Path t = file("t.csv", "1\n1\n1\n");
        Path p = file("p.csv", "1\n2\n3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MetricsCommand().run(
                Args.parse(new String[] {"--truth", t.toString(), "--pred", p.toString()}, 0), System.out, System.err));
        assertTrue(e.getMessage().contains("truth is constant"), e.getMessage());
    }

    @Test
    void numberColumnAcceptsWhitespaceCrlfBomAndScientific() throws Exception {
        Path f = file("c.csv", "\uFEFF 1.5 \r\n-2\r\n.25\n3e-2\n+4E1\n\n  \n");
        assertArrayEquals(new double[] {1.5, -2, 0.25, 0.03, 40}, NumberColumn.read(f), 0);
    }
}
