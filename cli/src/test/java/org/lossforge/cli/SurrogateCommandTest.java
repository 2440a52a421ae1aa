package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SurrogateCommandTest {

    @Test
    void evalPrintsOneJsonObject() throws Exception {
        BadInputTest.Run r = BadInputTest.run("surrogate", "eval", "--loss", "baikal", "--dataset", "fashion-mnist", "--epochs", "1",
                "--seed", "3", "--test");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("Baikal", o.get("loss").asText());
        assertEquals("-(ln(|yhat|) - y / yhat)", o.get("expression").asText());
        assertEquals("OK", o.get("status").asText());
        assertEquals(100, o.get("steps").asInt());
        assertEquals(1, o.get("valid_accuracy").size());
        assertEquals(1, o.get("threads").asInt());
        double fit = o.get("fitness").asDouble();
        assertTrue(fit > 0.3 && fit <= 1, "one epoch of 100 steps on Fashion-MNIST: " + fit);
        assertEquals(o.get("test_accuracy").get(0).asDouble(), o.get("test_at_best_valid").asDouble());
    }

    @Test
    void evalTakesALossCellExpression() throws Exception {
        // Baikal written in the cell syntax trains exactly as the built-in baseline
        String[] common = {"--dataset", "fashion-mnist", "--epochs", "1", "--seed", "3"};
        BadInputTest.Run cell = BadInputTest.run(concat(new String[] {"surrogate", "eval", "--loss", "-(ln(|yhat|) - y / yhat)"}, common));
        BadInputTest.Run base = BadInputTest.run(concat(new String[] {"surrogate", "eval", "--loss", "baikal"}, common));
        assertEquals(0, cell.code(), cell.err());
        JsonNode c = new ObjectMapper().readTree(cell.out());
        JsonNode b = new ObjectMapper().readTree(base.out());
        assertEquals("-(ln(|yhat|) - y / yhat)", c.get("expression").asText());
        assertEquals(b.get("fitness").asDouble(), c.get("fitness").asDouble());
        assertEquals(b.get("train_accuracy"), c.get("train_accuracy"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
