package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.search.ComparisonConfig;
import org.lossforge.core.search.SearchDriver;
import org.lossforge.core.search.SearchSeeds;
import org.lossforge.core.search.SearchSpace;
import org.lossforge.core.search.SearchState;
import org.lossforge.core.search.SearchStep;

class SearchCommandTest {
    static final String[] ARGS = {"search", "--benchmark", "nb201", "--datasets", "cifar10", "--methods", "random,pw",
        "--runs", "2", "--budget", "30", "--candidates", "20", "--epochs", "2", "--name", "t"};

    static String[] with(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(ARGS));
        a.add("--out");
        a.add(out.toString());
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void writesTheReportFilesWithTheFixedHeader(@TempDir Path dir) throws Exception {
        BadInputTest.Run r = BadInputTest.run(with(dir));
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("t.csv"));
        assertEquals("method,dataset,runs,queries,mean_test_error,std_test_error", csv.get(0));
        assertEquals(1 + 2 * 3, csv.size(), "2 methods x query counts 10, 20, 30");
        assertTrue(csv.get(3).startsWith("random,cifar10,2,30,"), csv.get(3));
        String md = Files.readString(dir.resolve("t.md"));
        assertTrue(md.contains("./lossforge search --benchmark nb201 --datasets cifar10 --methods random,pw --runs 2 --budget 30"), md);
        assertTrue(md.contains("| NPENAS (paper) | MSE | 5.69 |"), "the paper's row beside ours");
        assertTrue(Files.readString(dir.resolve("t.svg")).startsWith("<svg"));
        assertEquals(1 + 2 * 2 * 3, Files.readAllLines(dir.resolve("t-runs.csv")).size());
        assertFalse(Files.exists(dir.resolve("t-done.partial.txt")), "saved states are removed at the end");
        assertFalse(Files.exists(dir.resolve("t-current.partial.txt")));
    }

    /** States saved mid-run by an interrupted command are picked up by --resume; the report is the same. */
    @Test
    void resumeFromSavedStatesGivesTheSameReport(@TempDir Path dir) throws Exception {
        Path full = dir.resolve("full"), resumed = dir.resolve("resumed");
        assertEquals(0, BadInputTest.run(with(full)).code());

        // what an interrupted run leaves: random done, pw saved after two rounds
        ComparisonConfig cfg = SearchCommand.config(Args.parse(with(resumed), 1));
        var nb201 = Benchmarks.get("nb201");
        SearchSpace space = new SearchSpace(nb201);
        List<SearchState> random = new ArrayList<>(), pw = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            long seed = SearchSeeds.run(0, "nb201", "cifar10", k);
            random.add(SearchState.start(cfg.config(nb201, "cifar10", cfg.methods().get(0)), seed));
            pw.add(SearchState.start(cfg.config(nb201, "cifar10", cfg.methods().get(1)), seed));
        }
        Files.createDirectories(resumed);
        SearchCommand.Saved saved = new SearchCommand.Saved(resumed.resolve("t-done.partial.txt"), resumed.resolve("t-current.partial.txt"));
        try (SearchStep step = new SearchStep(space, true)) {
            saved.done(SearchDriver.run(step, random, SearchDriver.Listener.NONE));
            List<SearchState> cur = pw;
            for (int r = 0; r < 2; r++) {
                cur = SearchDriver.round(step, cur, SearchDriver.Listener.NONE);
            }
            saved.current(cur);
        }
        BadInputTest.Run r = BadInputTest.run(with(resumed, "--resume"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("resuming: 4 saved run states"), r.err());
        assertEquals(Files.readAllLines(full.resolve("t.csv")), Files.readAllLines(resumed.resolve("t.csv")));
        assertEquals(Files.readAllLines(full.resolve("t-runs.csv")), Files.readAllLines(resumed.resolve("t-runs.csv")));
    }
}
