package org.lossforge.generator.nlfs;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.lossforge.core.classify.CandidateLosses;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.core.nlfs.Nlfs;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.services.common.InvalidRecordException;

/**
 * NLFS runs and their candidates, in plain Java: a run request is checked by core ({@link NlfsRunConfig}); a candidate
 * of a run is <b>screened</b> (parse, cell, integrity check: core's {@link Nlfs#check}) and becomes one
 * {@link SurrogateJob}. Refusals are {@link InvalidRecordException}s whose reason becomes the dead letter's:
 * {@code INVALID_NLFS_RUN}, {@code INVALID_CANDIDATE}, {@code BAD_LOSS_EXPRESSION} (the parse error with its
 * position, or the integrity check's reason), {@code BAD_LOSS_SPEC} (a NAMED loss other than the baselines),
 * {@code UNSUPPORTED_LOSS_KIND} (PIECEWISE: a predictor loss).
 */
public final class NlfsPlanner {

    /** Run ids leave room for the evolver's candidate-id suffix within Keys.ID's 64 characters. */
    public static final int MAX_RUN_ID = 40;

    private final Clock clock;

    public NlfsPlanner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The run's configuration; throws {@code INVALID_NLFS_RUN} with core's reason. */
    public static NlfsRunConfig config(NlfsRunRequested run) {
        try {
            Keys.study(run.getRunId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_NLFS_RUN", e.getMessage());
        }
        if (run.getRunId().length() > MAX_RUN_ID) {
            throw new InvalidRecordException("INVALID_NLFS_RUN", "run id '" + run.getRunId() + "' is longer than "
                    + MAX_RUN_ID + " characters");
        }
        try {
            return NlfsRunConfig.fromMap(run.getSettings(), run.getSeed());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_NLFS_RUN", "run " + run.getRunId() + ": " + e.getMessage(), e);
        }
    }

    /** The text a candidate is ranked under: the printed canonical expression, or the baseline's name. */
    public record Screened(LossKind kind, String loss, String hash, boolean flip) {
    }

    /** Screens a candidate's loss text against the NLFS rules (no run needed). */
    public static Screened screen(LossCandidate c) {
        try {
            Keys.study(c.getCandidateId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_CANDIDATE", e.getMessage());
        }
        String spec = c.getSpec() == null ? "" : c.getSpec();
        switch (c.getKind()) {
            case EXPRESSION: {
                Nlfs.Checked checked = Nlfs.check(spec);
                if (!checked.valid()) {
                    throw new InvalidRecordException("BAD_LOSS_EXPRESSION", "candidate " + c.getCandidateId() + " '"
                            + spec + "': " + checked.reason());
                }
                return new Screened(LossKind.EXPRESSION, CandidateLosses.printed(checked), checked.hash(), checked.flip());
            }
            case NAMED: {
                String b = CandidateLosses.baseline(spec);
                if (b == null) {
                    throw new InvalidRecordException("BAD_LOSS_SPEC", "candidate " + c.getCandidateId() + " '" + spec
                            + "': an NLFS run trains loss expressions (kind EXPRESSION) or the baselines ce and baikal");
                }
                return new Screened(LossKind.NAMED, b, null, false);
            }
            default:
                throw new InvalidRecordException("UNSUPPORTED_LOSS_KIND", "candidate " + c.getCandidateId() + " is "
                        + c.getKind() + ", a predictor loss; an NLFS run trains loss expressions");
        }
    }

    /** The trial id of {@code loss} in a run: one trial per (run, loss), so a loss met twice is trained once. */
    public static String trialId(String runId, NlfsRunConfig cfg, String loss) {
        return Keys.trialId(runId, NlfsRunConfig.BENCHMARK, cfg.surrogate().data().dataset(), cfg.trainSize(), loss, 0);
    }

    /** The surrogate job of a screened candidate of {@code run}. */
    public SurrogateJob plan(LossCandidate c, NlfsRunRequested run) {
        NlfsRunConfig cfg = config(run);
        Screened s = screen(c);
        return SurrogateJob.newBuilder()
                .setTrialId(trialId(run.getRunId(), cfg, s.loss()))
                .setRunId(run.getRunId())
                .setCandidateId(c.getCandidateId())
                .setKind(s.kind())
                .setLoss(s.loss())
                .setExpression(c.getSpec())
                .setHash(s.hash())
                .setFlip(s.flip())
                .setSeed(cfg.trainingSeed())
                .setSettings(run.getSettings())
                .setCreatedAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
