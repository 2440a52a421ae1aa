package org.lossforge.trainer.nlfs;

import java.util.Objects;

import org.lossforge.core.classify.NamedLoss;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.schemas.SurrogateJob;

/**
 * A checked surrogate job in core's terms: everything {@code Surrogate.evaluate} takes.
 *
 * @param job    the job as read (its ids are copied into the evaluation)
 * @param config the run's settings read by core ({@link NlfsRunConfig#fromMap}); its {@code surrogate()} is trained
 * @param loss   the candidate loss (a baseline, or the checked expression with the integrity check's flip)
 */
public record SurrogateInputs(SurrogateJob job, NlfsRunConfig config, NamedLoss loss) {

    public SurrogateInputs {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(loss, "loss");
    }

    /** The image set the surrogate trains on: the evaluation's {@code dataset}. */
    public String dataset() {
        return config.surrogate().data().dataset();
    }
}
