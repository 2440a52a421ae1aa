package org.lossforge.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossforge.core.loss.LossContext;
import org.lossforge.core.loss.Losses;
import org.lossforge.core.loss.PredictorLoss;

/**
 * {@code ./lossforge loss --name NAME [--param key=value ...] --pred P.csv --truth T.csv}: evaluates one
 * predictor loss on a single list (S = 1) in float64 and prints one JSON line
 * {@code {"loss": NAME, "value": v, "grad": [dL/dpred_1, ...]}}.
 *
 * <p>The truth is used <b>as given</b>: no label transform (z-score, unit, min-max) is applied, whatever the
 * loss's {@code labelScale()} says; scale the file yourself. The context is epoch 0 of 1 with train size n
 * (so pw in epoch mode with at &lt; 1 evaluates its warm part unless at rounds to 0). {@code --param seed=S}
 * seeds MSE+SR's permutation (default 0); it is a command-line parameter, not passed to the loss.
 * CSV files: one number per line, no header; blank lines are skipped.
 */
public final class LossCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "loss";
    }

    @Override
    public String summary() {
        return "evaluate a predictor loss and its gradient on one list: --name NAME [--param k=v] --pred P.csv --truth T.csv";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        args.rejectUnknown("name", "param", "pred", "truth");
        String name = args.required("name").trim();
        Map<String, String> params = new LinkedHashMap<>(args.keyValues("param"));
        long seed = 0;
        String seedText = params.remove("seed");
        if (seedText != null) {
            try {
                seed = Long.parseLong(seedText.trim());
            } catch (NumberFormatException e) {
                throw new CliException("--param seed must be an integer, got '" + seedText + "'");
            }
        }
        PredictorLoss loss = Losses.create(name, params);
        Path predPath = Path.of(args.required("pred"));
        Path truthPath = Path.of(args.required("truth"));
        double[] pred = NumberColumn.read(predPath);
        double[] truth = NumberColumn.read(truthPath);
        if (pred.length != truth.length) {
            throw new CliException("length mismatch: " + predPath + " has " + pred.length + " values but "
                    + truthPath + " has " + truth.length);
        }
        int n = pred.length;
        double value;
        double[] grad;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(pred, new Shape(1, n));
            NDArray t = m.create(truth, new Shape(1, n));
            p.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.evaluate(p, t, LossContext.single(n, seed));
                value = l.toDoubleArray()[0];
                gc.backward(l.sum());
            }
            grad = p.getGradient().toDoubleArray();
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("loss", name);
        o.put("value", value);
        ArrayNode g = o.putArray("grad");
        for (double d : grad) {
            g.add(d);
        }
        out.println(JSON.writeValueAsString(o));
        return 0;
    }
}
