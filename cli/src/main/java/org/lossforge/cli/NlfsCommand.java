package org.lossforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import org.lossforge.core.nlfs.Nlfs;

/**
 * {@code ./lossforge nlfs check "EXPR"}: parses an NLFS loss expression, puts it in the cell and runs the
 * integrity check; prints one JSON object, {@code {"valid": true, "flip": …, "canonical": "…", "hash": "…"}} or
 * {@code {"valid": false, "reason": "…"}} (a parse error with its position, an expression the cell cannot hold,
 * or the check's rejection). Exit code 0 either way; a usage error exits non-zero. An expression that starts
 * with {@code --} goes after a {@code --} argument.
 */
public final class NlfsCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = "usage: ./lossforge nlfs check \"EXPR\" (e.g. \"-(y * ln(|yhat|))\")";

    @Override
    public String name() {
        return "nlfs";
    }

    @Override
    public String summary() {
        return "NLFS loss expressions: check \"EXPR\" prints {valid, flip, canonical, hash} or {valid: false, reason}";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (!args.optionKeys().isEmpty()) {
            throw new CliException("nlfs takes no options, got --" + args.optionKeys().iterator().next()
                    + " (an expression that starts with -- goes after a bare --: ./lossforge nlfs check -- \"--1 * y\")");
        }
        var words = args.positionals();
        if (words.isEmpty() || !words.get(0).equals("check")) {
            throw new CliException(USAGE);
        }
        if (words.size() != 2) {
            throw new CliException(words.size() < 2 ? "nlfs check needs an expression; " + USAGE
                    : "nlfs check takes one expression (quote it); " + USAGE);
        }
        Nlfs.Checked c = Nlfs.check(words.get(1));
        ObjectNode o = JSON.createObjectNode();
        o.put("valid", c.valid());
        if (c.valid()) {
            o.put("flip", c.flip());
            o.put("canonical", c.canonical().text());
            o.put("hash", c.hash());
        } else {
            o.put("reason", c.reason());
        }
        out.println(JSON.writeValueAsString(o));
        return 0;
    }
}
