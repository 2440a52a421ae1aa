package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./lossforge nlfs check "EXPR"} through {@link Main}: one JSON object, exit 0; usage errors exit non-zero. */
class NlfsCommandTest {

    private static JsonNode check(String... expr) throws Exception {
        String[] argv = new String[2 + expr.length];
        argv[0] = "nlfs";
        argv[1] = "check";
        System.arraycopy(expr, 0, argv, 2, expr.length);
        BadInputTest.Run r = BadInputTest.run(argv);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(1, r.out().strip().lines().count(), "one line: " + r.out());
        return new ObjectMapper().readTree(r.out());
    }

    private static List<String> keys(JsonNode j) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            k.add(it.next());
        }
        return k;
    }

    @Test
    void crossEntropyIsValidAndNotFlipped() throws Exception {
        JsonNode j = check("-(y * ln(|yhat|))");
        assertEquals(List.of("valid", "flip", "canonical", "hash"), keys(j));
        assertTrue(j.get("valid").asBoolean());
        assertFalse(j.get("flip").asBoolean());
        assertEquals("-(y * ln(|yhat|))", j.get("canonical").asText());
        assertTrue(j.get("hash").asText().matches("[0-9a-f]{16}"), j.get("hash").asText());
        // the same loss written differently: same canonical form and hash
        JsonNode k = check("  -( ln(|yhat|)*y )");
        assertEquals(j.get("canonical"), k.get("canonical"));
        assertEquals(j.get("hash"), k.get("hash"));
    }

    @Test
    void negatedCrossEntropyIsFlippedAndBaikalIsValid() throws Exception {
        assertTrue(check("y * ln(|yhat|)").get("flip").asBoolean());
        JsonNode b = check("-(ln(|yhat|) - y / yhat)");
        assertTrue(b.get("valid").asBoolean());
        assertFalse(b.get("flip").asBoolean());
    }

    @Test
    void invalidExpressionsGiveAReasonWithExitCodeZero() throws Exception {
        JsonNode parse = check("max(y yhat)");
        assertEquals(List.of("valid", "reason"), keys(parse));
        assertFalse(parse.get("valid").asBoolean());
        assertTrue(parse.get("reason").asText().contains("position 7"), parse.get("reason").asText());
        JsonNode symmetric = check("y - ln(|yhat|)");
        assertFalse(symmetric.get("valid").asBoolean());
        assertTrue(symmetric.get("reason").asText().startsWith("integrity check:"), symmetric.get("reason").asText());
        JsonNode big = check("exp(sin(tanh(atan(erf(y * yhat)))))");
        assertTrue(big.get("reason").asText().contains("needs 6 operator nodes"), big.get("reason").asText());
        assertTrue(check("exp(yhat) + 1").get("reason").asText().contains("does not use y"));
    }

    @Test
    void anExpressionStartingWithTwoDashesGoesAfterADoubleDash() throws Exception {
        JsonNode j = check("--", "--1 * y * ln(|yhat|)");
        assertTrue(j.has("valid"), j.toString());
    }

    @Test
    void usageErrorsAreOneLineAndNonZero() {
        BadInputTest.assertOneLineError(BadInputTest.run("nlfs"), "usage");
        BadInputTest.assertOneLineError(BadInputTest.run("nlfs", "verify", "y"), "usage");
        BadInputTest.assertOneLineError(BadInputTest.run("nlfs", "check"), "needs an expression");
        BadInputTest.assertOneLineError(BadInputTest.run("nlfs", "check", "y", "yhat"), "one expression");
        BadInputTest.assertOneLineError(BadInputTest.run("nlfs", "check", "--1 * y"), "goes after a bare --");
    }
}
