package org.lossforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ./lossforge leaderboard --ranker URL --study ID}: prints a study's leaderboard from the ranker's
 * interactive queries. With {@code --wait-for N} it first polls (bounded by {@code --timeout} seconds) until N
 * trials are counted (successful + failed), showing progress with rate and ETA ({@link ProgressReporter}).
 */
public final class LeaderboardCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "leaderboard";
    }

    @Override
    public String summary() {
        return "print a study's leaderboard from the ranker: --ranker http://127.0.0.1:8184 --study ID [--metric tau] [--wait-for N]";
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        a.rejectUnknown("ranker", "study", "metric", "wait-for", "timeout");
        String base = a.get("ranker", "http://127.0.0.1:8184");
        String study = a.required("study");
        String metric = a.get("metric", "kendall_tau_b");
        int waitFor = a.getInt("wait-for", 0);
        long deadline = System.nanoTime() + a.getInt("timeout", 3600) * 1_000_000_000L;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(base + "/leaderboards/" + study + "?metric=" + metric);
        JsonNode board = null;
        try (ProgressReporter progress = waitFor > 0 ? ProgressReporter.create(err, "study " + study, waitFor, "trials") : null) {
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                int done = 0;
                if (r.statusCode() == 200) {
                    board = JSON.readTree(r.body());
                    done = counted(board);
                } else if (r.statusCode() != 404 && r.statusCode() != 503) {
                    throw new CliException("ranker answered " + r.statusCode() + ": " + r.body());
                }
                if (progress != null) {
                    progress.update(done, null);
                }
                if (done >= waitFor && board != null) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new CliException("timed out with " + done + " of " + waitFor + " trials counted");
                }
                Thread.sleep(2000);
            }
        }
        print(board, metric, out);
        return 0;
    }

    /** Trials counted on a leaderboard: successful and failed, over every group. */
    static int counted(JsonNode board) {
        int done = 0;
        for (JsonNode g : board.path("groups")) {
            for (JsonNode e : g.path("entries")) {
                done += e.path("count").asInt() + e.path("failed").asInt();
            }
        }
        return done;
    }

    static void print(JsonNode board, String metric, PrintStream out) {
        // a search's progress (bestTestError): rows are methods, "train size" is the number of queries, seeds are runs
        boolean search = metric.replace("_", "").equalsIgnoreCase("besttesterror");
        out.printf("Leaderboard of %s %s, ranked by %s (mean over %s, 95%% t-interval)%n", search ? "search" : "study",
                board.path("study").asText(), metric, search ? "runs" : "seeds");
        for (JsonNode g : board.path("groups")) {
            out.printf("%n%s %s, %s %s%n", g.path("benchmark").asText(), g.path("dataset").asText(),
                    search ? "best test error after" : "train size", g.path("trainSize").asText() + (search ? " queries" : ""));
            out.printf("  %4s  %-40s %6s %7s  %-9s %s%n", "rank", search ? "method" : "loss", search ? "runs" : "seeds",
                    "failed", "mean", "95% CI");
            for (JsonNode e : g.path("entries")) {
                String mean = e.path("mean").isNumber() ? String.format(Locale.ROOT, "%.4f", e.path("mean").asDouble()) : "–";
                String ci = e.path("ci95Low").isNumber()
                        ? String.format(Locale.ROOT, "[%.4f, %.4f]", e.path("ci95Low").asDouble(), e.path("ci95High").asDouble()) : "";
                out.printf("  %4d  %-40s %6d %7d  %-9s %s%n", e.path("rank").asInt(), e.path("loss").asText(),
                        e.path("count").asInt(), e.path("failed").asInt(), mean, ci);
            }
        }
    }
}
