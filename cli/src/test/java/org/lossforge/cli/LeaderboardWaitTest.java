package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code leaderboard --wait-for N} (what {@code ./lossforge up} waits with) against a stub ranker on loopback: 404 while
 * the study has no leaderboard, then 1 of 2 trials, then 2 (one failed): progress lines on stderr, the board on stdout.
 */
class LeaderboardWaitTest {

    private static String board(int count, int failed) {
        return "{\"study\":\"s1\",\"groups\":[{\"benchmark\":\"nb201\",\"dataset\":\"cifar10\",\"trainSize\":20,\"entries\":["
                + "{\"rank\":1,\"loss\":\"hr\",\"count\":" + count + ",\"failed\":" + failed
                + ",\"mean\":0.3319,\"ci95Low\":0.3,\"ci95High\":0.35}]}]}";
    }

    @Test
    void waitsShowingProgressThenPrintsTheBoard() throws Exception {
        assumeTrue(ProgressReporter.Mode.detect(System.getenv(), System.console() != null) == ProgressReporter.Mode.LINES,
                "progress is shown as lines only without a terminal and without LOSSFORGE_PROGRESS=bar|off");
        AtomicInteger polls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/leaderboards/s1", ex -> {
            int n = polls.incrementAndGet();
            byte[] body = (n == 1 ? "{}" : n == 2 ? board(1, 0) : board(1, 1)).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(n == 1 ? 404 : 200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"leaderboard", "--ranker", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--study", "s1", "--wait-for", "2", "--timeout", "60"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String e = err.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, e);
            assertEquals(3, polls.get());
            String[] lines = e.split("\n");
            // poll 1 (404): 0 counted, printed; poll 2, 2 s later: 1, held back (lines at most every 5 s); poll 3: the last
            assertEquals(2, lines.length, e);
            assertEquals("study s1: 0/2 trials (0.0%), ?/s, ETA ?", lines[0]);
            assertTrue(lines[1].startsWith("study s1: 2/2 trials (100.0%), done in "), e);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("     1  hr"), out.toString(StandardCharsets.UTF_8));
        } finally {
            server.stop(0);
        }
    }
}
