package org.lossforge.loadtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    private static Map<FaultSchedule.Kind, Integer> counts() {
        Map<FaultSchedule.Kind, Integer> c = new EnumMap<>(FaultSchedule.Kind.class);
        c.put(FaultSchedule.Kind.KILL_TRAINER, 20);
        c.put(FaultSchedule.Kind.KILL_RANKER, 20);
        c.put(FaultSchedule.Kind.KILL_BROKER, 5);
        return c;
    }

    @Test
    void theSameSeedGivesTheSameScheduleAndItsDescriptionNamesTheSeed() {
        FaultSchedule a = FaultSchedule.of(42, counts(), 1000), b = FaultSchedule.of(42, counts(), 1000);
        assertEquals(a, b);
        assertEquals(a.describe(), b.describe());
        assertTrue(a.describe().startsWith("fault schedule, seed 42 (replay with --seed 42):"), a.describe());
        assertNotEquals(a.faults(), FaultSchedule.of(43, counts(), 1000).faults());
    }

    @Test
    void everyFaultIsScheduledOnceInsideTheStudyInOrder() {
        FaultSchedule s = FaultSchedule.of(7, counts(), 1000);
        assertEquals(45, s.faults().size());
        assertEquals(20, s.count(FaultSchedule.Kind.KILL_TRAINER));
        assertEquals(20, s.count(FaultSchedule.Kind.KILL_RANKER));
        assertEquals(5, s.count(FaultSchedule.Kind.KILL_BROKER));
        int last = 0;
        for (int i = 0; i < s.faults().size(); i++) {
            FaultSchedule.Fault f = s.faults().get(i);
            assertEquals(i + 1, f.index());
            assertTrue(f.atTrained() >= 50 && f.atTrained() <= 900, f.toString());
            assertTrue(f.atTrained() >= last, "sorted: " + f);
            assertTrue(f.delayMillis() >= 0 && f.delayMillis() <= 1000, f.toString());
            last = f.atTrained();
        }
    }

    @Test
    void aBrokerIsLostForGoodAtMostOnce() {
        Map<FaultSchedule.Kind, Integer> c = new EnumMap<>(FaultSchedule.Kind.class);
        c.put(FaultSchedule.Kind.LOSE_BROKER, 3);
        c.put(FaultSchedule.Kind.KILL_BROKER, 2);
        FaultSchedule s = FaultSchedule.of(1, c, 100);
        assertEquals(1, s.count(FaultSchedule.Kind.LOSE_BROKER));
        assertEquals(2, s.count(FaultSchedule.Kind.KILL_BROKER));
    }
}
