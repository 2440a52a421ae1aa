package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossSpecTest {

    @Test
    void parsesNameOnly() {
        LossSpec s = LossSpec.parse("hr");
        assertEquals("hr", s.name());
        assertEquals(Map.of(), s.params());
        assertEquals("hr", s.toString());
    }

    @Test
    void parsesParametersInOrder() {
        LossSpec s = LossSpec.parse("pw:warm=hr,focus=mape,warm.margin=0.01");
        assertEquals("pw", s.name());
        assertEquals(List.of("warm", "focus", "warm.margin"), List.copyOf(s.params().keySet()));
        assertEquals("0.01", s.params().get("warm.margin"));
        Piecewise pw = (Piecewise) s.create();
        assertEquals(0.01, ((HingeRanking) pw.warm()).margin());
        assertInstanceOf(Mape.class, pw.focus());
        assertEquals(0.05, ((HingeRanking) LossSpec.parse("hr:margin=0.05").create()).margin());
    }

    @Test
    void roundTrips() {
        for (String text : List.of("hr", "hr:margin=0.05", "pw:warm=hr,focus=mape,warm.margin=0.01",
                "warp:normalize=items,margin=0.5", "mse_sr:lambda_mse=1.0,lambda_sr=0.2")) {
            LossSpec s = LossSpec.parse(text);
            assertEquals(text, s.toString());
            assertEquals(s, LossSpec.parse(s.toString()));
        }
        assertEquals("hr:margin=0.05", LossSpec.parse("  hr : margin = 0.05 ").toString());
    }

    @Test
    void rejectsMalformed() {
        assertThrows(IllegalArgumentException.class, () -> LossSpec.parse(""));
        assertThrows(IllegalArgumentException.class, () -> LossSpec.parse("hr:margin"));
        assertThrows(IllegalArgumentException.class, () -> LossSpec.parse("hr:margin=1,margin=2"));
        assertThrows(IllegalArgumentException.class, () -> LossSpec.parse(":margin=1"));
        assertThrows(IllegalArgumentException.class, () -> new LossSpec("hr", Map.of("margin", "1,2")));
        // the registry, not the parser, rejects unknown names
        assertThrows(IllegalArgumentException.class, () -> LossSpec.parse("huber").create());
    }
}
