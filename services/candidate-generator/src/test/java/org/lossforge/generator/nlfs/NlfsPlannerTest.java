package org.lossforge.generator.nlfs;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.generator.JobPlanner;
import org.lossforge.generator.StudyBook;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.services.common.InvalidRecordException;

class NlfsPlannerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    static NlfsRunRequested run(String id, Map<String, String> settings) {
        return NlfsRunRequested.newBuilder().setRunId(id).setSeed(42).setSettings(settings).setRequestedAt(CLOCK.instant())
                .build();
    }

    static LossCandidate cand(String id, String run, LossKind kind, String spec) {
        return LossCandidate.newBuilder().setCandidateId(id).setStudyId(run).setKind(kind).setSpec(spec)
                .setSubmittedAt(CLOCK.instant()).build();
    }

    static String reason(Runnable r) {
        return assertThrows(InvalidRecordException.class, r::run).getMessage();
    }

    @Test
    void anExpressionBecomesOneSurrogateJobUnderItsCanonicalForm() {
        NlfsRunRequested run = run("nl-1", Map.of("preset", "tiny"));
        SurrogateJob j = new NlfsPlanner(CLOCK).plan(cand("c1", "nl-1", LossKind.EXPRESSION, "-(ln(|yhat|) * y)"), run);
        NlfsRunConfig cfg = NlfsRunConfig.fromMap(Map.of("preset", "tiny"), 42);
        assertEquals("-(y * ln(|yhat|))", j.getLoss());
        assertEquals("nl-1/nlfs/fashion-mnist/" + cfg.trainSize() + "/-(y * ln(|yhat|))/0", j.getTrialId());
        assertEquals(cfg.trainingSeed(), j.getSeed());
        assertEquals("-(ln(|yhat|) * y)", j.getExpression());
        assertFalse(j.getFlip());
        assertEquals(16, j.getHash().length());
        assertEquals(Map.of("preset", "tiny"), j.getSettings());
        assertEquals(LossKind.EXPRESSION, j.getKind());
        SurrogateJob ce = new NlfsPlanner(CLOCK).plan(cand("c2", "nl-1", LossKind.NAMED, "Cross-Entropy"), run);
        assertEquals("ce", ce.getLoss());
        assertNull(ce.getHash());
    }

    @Test
    void theScreenRefusesWithThePositionOrTheIntegrityReason() {
        assertTrue(reason(() -> NlfsPlanner.screen(cand("c", "r", LossKind.EXPRESSION, "y * (yhat")))
                .startsWith("BAD_LOSS_EXPRESSION: candidate c 'y * (yhat': parse error at position 10"));
        assertTrue(reason(() -> NlfsPlanner.screen(cand("c", "r", LossKind.EXPRESSION, "y + yhat")))
                .contains("integrity check"));
        assertTrue(reason(() -> NlfsPlanner.screen(cand("c", "r", LossKind.NAMED, "mse")))
                .startsWith("BAD_LOSS_SPEC"));
        assertTrue(reason(() -> NlfsPlanner.screen(cand("c", "r", LossKind.PIECEWISE, "pw")))
                .startsWith("UNSUPPORTED_LOSS_KIND"));
        assertTrue(reason(() -> NlfsPlanner.screen(cand("bad id", "r", LossKind.EXPRESSION, "-(y * ln(|yhat|))")))
                .startsWith("INVALID_CANDIDATE"));
    }

    @Test
    void badRunsAreRefusedWithTheKey() {
        assertTrue(reason(() -> NlfsPlanner.config(run("r", Map.of("population", "x")))).startsWith(
                "INVALID_NLFS_RUN: run r: evolution: population must be an integer, got 'x'"));
        assertTrue(reason(() -> NlfsPlanner.config(run("x".repeat(41), Map.of()))).contains("longer than 40"));
    }

    @Test
    void theBookPlansACandidateOfARunOnceAndWaitsForEitherKind() {
        StudyBook book = new StudyBook(new JobPlanner(CLOCK));
        book.rememberRun(run("nl-2", Map.of("preset", "tiny")));
        StudyBook.Planned p = book.planAny(cand("c1", "nl-2", LossKind.EXPRESSION, "-(y * ln(|yhat|))"));
        assertNotNull(p.surrogate());
        assertTrue(p.jobs().isEmpty());
        assertTrue(book.planAny(cand("c1", "nl-2", LossKind.EXPRESSION, "-(y * ln(|yhat|))")).duplicate(), "same id");
        assertTrue(book.planAny(cand("c9", "nl-2", LossKind.EXPRESSION, "-(ln(|yhat|) * y)")).duplicate(),
                "the same loss written otherwise is trained once per run");
        book.forget(cand("c1", "nl-2", LossKind.EXPRESSION, "-(y * ln(|yhat|))"));
        assertNotNull(book.planAny(cand("c1", "nl-2", LossKind.EXPRESSION, "-(y * ln(|yhat|))")).surrogate(),
                "a candidate whose job could not be written is planned again");
        assertTrue(reason(() -> book.planAny(cand("c", "nope", LossKind.EXPRESSION, "y"))).startsWith(StudyBook.UNKNOWN_STUDY));
    }
}
