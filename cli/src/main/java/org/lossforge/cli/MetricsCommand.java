package org.lossforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.lossforge.core.metrics.MetricReport;
import org.lossforge.core.metrics.MetricSet;
import org.lossforge.core.metrics.PrecisionAtT;

/**
 * {@code ./lossforge metrics --truth T.csv --pred P.csv}: ranking metrics of one predictor, printed as one
 * JSON object on one line:
 *
 * <pre>
 * {"n":…,"kendall_tau_b":…,"spearman":…,"precision_at":{"0.5":…,"1":…,"5":…,"10":…},"n_at":{"1":…,"5":…,"10":…}}
 * </pre>
 *
 * Both files are read with {@link NumberColumn} and must have the same number of rows, at least 2. Values
 * come from {@link MetricSet#standard()}; precision is a fraction in [0, 1]; a value that is undefined for
 * this n (a precision@T whose k = floor(n·T/100) is 0, an N@K with K &gt; n) is printed as {@code null}.
 * Constant truth or pred makes τ_b undefined and is reported as an error by core.
 */
public final class MetricsCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public String summary() {
        return "ranking metrics (Kendall tau-b, Spearman, P@T, N@K) of --pred against --truth, as one JSON line";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        args.rejectUnknown("truth", "pred");
        Path truthFile = Path.of(args.required("truth"));
        Path predFile = Path.of(args.required("pred"));
        double[] truth = NumberColumn.read(truthFile);
        double[] pred = NumberColumn.read(predFile);
        if (truth.length != pred.length) {
            throw new CliException("different lengths: " + truthFile + " has " + truth.length + " numbers but "
                    + predFile + " has " + pred.length);
        }
        if (truth.length < 2) {
            throw new CliException(truthFile + " and " + predFile + " have " + truth.length
                    + " number each; need at least 2 rows");
        }
        MetricReport r = MetricSet.standard().compute(truth, pred);
        out.println(JSON.writeValueAsString(toJson(r)));
        return 0;
    }

    /** The report as the documented JSON object (keys in order; NaN → null; N@K as integers). */
    static ObjectNode toJson(MetricReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("n", r.n());
        o.put("kendall_tau_b", r.kendallTauB());
        o.put("spearman", r.spearman());
        ObjectNode p = o.putObject("precision_at");
        for (Map.Entry<Double, Double> e : r.precisionAt().entrySet()) {
            putOrNull(p, PrecisionAtT.formatPercent(e.getKey()), e.getValue(), false);
        }
        ObjectNode nAt = o.putObject("n_at");
        for (Map.Entry<Integer, Double> e : r.nAt().entrySet()) {
            putOrNull(nAt, Integer.toString(e.getKey()), e.getValue(), true);
        }
        return o;
    }

    private static void putOrNull(ObjectNode o, String key, double v, boolean integral) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else if (integral) {
            o.put(key, (long) v);
        } else {
            o.put(key, v);
        }
    }
}
