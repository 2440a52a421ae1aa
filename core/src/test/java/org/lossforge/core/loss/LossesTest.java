package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void namesInOrder() {
        assertEquals(List.of("mse", "hr", "lr", "mse_sr", "listmle", "ew", "mape", "warp", "pw"), Losses.names());
    }

    @Test
    void createsEveryLossWithDefaults() {
        for (String name : Losses.names()) {
            Map<String, String> p = name.equals("pw") ? Map.of("warm", "hr", "focus", "mape") : Map.of();
            PredictorLoss loss = Losses.create(name, p);
            assertEquals(name, loss.name());
        }
        assertEquals(0.1, ((HingeRanking) Losses.create("hr", Map.of())).margin());
        assertEquals(1.0, ((Warp) Losses.create("warp", null)).margin());
        assertEquals("pairs", ((Warp) Losses.create("warp", null)).normalize());
        assertEquals(0.045, ((Mape) Losses.create("mape", Map.of())).lowerBound());
        MseSr sr = (MseSr) Losses.create("mse_sr", Map.of());
        assertEquals(1.0, sr.lambdaMse());
        assertEquals(0.1, sr.lambdaSr());
        ListMle lm = (ListMle) Losses.create("listmle", Map.of());
        assertEquals(1.0, lm.temperature());
        assertEquals("sum", lm.reduction());
        assertEquals("gmaenas", ((ExpWeighted) Losses.create("ew", Map.of())).form());
    }

    @Test
    void createsWithParameters() {
        assertEquals(0.05, ((HingeRanking) Losses.create("hr", Map.of("margin", "0.05"))).margin());
        MseSr sr = (MseSr) Losses.create("mse_sr", Map.of("lambda_mse", "2", "lambda_sr", " 0.5 "));
        assertEquals(2.0, sr.lambdaMse());
        assertEquals(0.5, sr.lambdaSr());
        ListMle lm = (ListMle) Losses.create("listmle", Map.of("temperature", "0.5", "reduction", "mean"));
        assertEquals(0.5, lm.temperature());
        assertEquals("mean", lm.reduction());
        assertEquals("exp", ((ExpWeighted) Losses.create("ew", Map.of("form", "exp"))).form());
        assertEquals(0.02, ((Mape) Losses.create("mape", Map.of("lower_bound", "0.02"))).lowerBound());
        Warp w = (Warp) Losses.create("warp", Map.of("margin", "0.5", "normalize", "items"));
        assertEquals(0.5, w.margin());
        assertEquals("items", w.normalize());
    }

    @Test
    void createsPiecewiseWithNestedParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("warm", "hr");
        p.put("focus", "warp");
        p.put("mode", "size");
        p.put("at", "40");
        p.put("warm.margin", "0.01");
        p.put("focus.normalize", "none");
        Piecewise pw = (Piecewise) Losses.create("pw", p);
        assertEquals(Piecewise.Mode.SIZE, pw.mode());
        assertEquals(40.0, pw.at());
        assertEquals(0.01, ((HingeRanking) pw.warm()).margin());
        assertEquals("none", ((Warp) pw.focus()).normalize());
        Piecewise def = (Piecewise) Losses.create("pw", Map.of("warm", "listmle", "focus", "warp"));
        assertEquals(Piecewise.Mode.EPOCH, def.mode());
        assertEquals(0.5, def.at());
    }

    @Test
    void unknownNameListsKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.create("huber", Map.of()));
        assertTrue(e.getMessage().contains("huber") && e.getMessage().contains("mse, hr, lr, mse_sr, listmle, ew, mape, warp, pw"),
                e.getMessage());
    }

    @Test
    void unknownParameterListsKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.create("hr", Map.of("margn", "0.1")));
        assertTrue(e.getMessage().contains("margn") && e.getMessage().contains("known: margin"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Losses.create("mse", Map.of("margin", "0.1")));
        assertTrue(none.getMessage().contains("known: none"), none.getMessage());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> Losses.create("pw", Map.of("warm", "hr", "focus", "mape", "focus.margin", "1")));
        assertTrue(nested.getMessage().contains("focus") && nested.getMessage().contains("known: lower_bound"),
                nested.getMessage());
    }

    @Test
    void unparsableValueNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.create("warp", Map.of("margin", "one")));
        assertTrue(e.getMessage().contains("margin") && e.getMessage().contains("one"), e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> Losses.create("listmle", Map.of("reduction", "max")));
        assertTrue(c.getMessage().contains("reduction"), c.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Losses.create("hr", Map.of("margin", "NaN")));
        assertTrue(nan.getMessage().contains("margin"), nan.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Losses.create("pw", Map.of("warm", "hr")));
        assertTrue(missing.getMessage().contains("focus"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.create("pw", Map.of("warm", "pw", "focus", "mse")));
    }

    @Test
    void pwPresets() {
        Map<String, String> nb201 = Losses.pwPreset("nb201", "cifar100");
        assertEquals(Map.of("warm", "hr", "focus", "mape", "warm.margin", "0.01"), nb201);
        Piecewise p = (Piecewise) Losses.create("pw", nb201);
        assertEquals(0.01, ((HingeRanking) p.warm()).margin());
        assertInstanceOf(Mape.class, p.focus());
        assertEquals(LabelScale.UNIT, p.labelScale());
        assertEquals(Map.of("warm", "listmle", "focus", "warp"), Losses.pwPreset("nb101", "cifar10"));
        assertEquals(Map.of("warm", "mse", "focus", "ew"), Losses.pwPreset("tnb101-micro", "jigsaw"));
        assertEquals(Map.of("warm", "mse", "focus", "ew"), Losses.pwPreset("tnb101-macro", "jigsaw"));
        assertEquals(Map.of("warm", "hr", "focus", "warp"), Losses.pwPreset("tnb101-micro", "class_scene"));
        assertEquals(Map.of("warm", "hr", "focus", "warp"), Losses.pwPreset("tnb101-macro", "autoencoder"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.pwPreset("darts", "cifar10"));
        assertTrue(e.getMessage().contains("darts"), e.getMessage());
        for (String b : List.of("nb201", "nb101", "tnb101-micro")) {
            assertInstanceOf(Piecewise.class, Losses.create("pw", Losses.pwPreset(b, "jigsaw")));
        }
    }
}
