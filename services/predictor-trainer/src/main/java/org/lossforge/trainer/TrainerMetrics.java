package org.lossforge.trainer;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.lossforge.schemas.Topics;
import org.lossforge.services.common.ConsumerMeters;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.quarkus.runtime.Startup;

/**
 * The trainer's meters, registered at startup (counters at 0) so dashboards find every name before the first job.
 * The fit and surrogate timers publish histogram buckets ({@code _bucket}, {@link #BUCKETS}: 10 ms to 1 h) so
 * {@code histogram_quantile} works across instances. GPU gauges read 0 where there is no GPU. The names, what they
 * count and their tags: infra/grafana/README.md.
 */
@Singleton
@Startup
public class TrainerMetrics {

    /** Outcome tags of lossforge_trainer_jobs_total and lossforge_trainer_surrogate_jobs_total. */
    public static final List<String> JOB_OUTCOMES = List.of("trained", "failed_trial", "dead_letter", "transient_failure");
    /** Outcome tags of the fit and surrogate timers. */
    public static final List<String> TIMED_OUTCOMES = List.of("trained", "failed_trial");
    public static final List<String> SEARCH_OUTCOMES = List.of("done", "dead_letter", "dead_letter_answer");

    /**
     * The histogram's bucket bounds ({@code le}): 10 ms to 1 h, about ×2.5 apart. Fixed buckets rather than
     * Micrometer's percentile histogram, which would publish about a hundred series per timer and outcome.
     */
    static final Duration[] BUCKETS = java.util.stream.DoubleStream.of(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            30, 60, 120, 300, 600, 1200, 1800, 3600).mapToObj(s -> Duration.ofMillis(Math.round(s * 1000)))
            .toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final ConsumerMeters consumer;

    @Inject
    public TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.consumer = new ConsumerMeters(registry, Topics.TRAINER)
                .expect(Topics.TRAINING_JOBS).expect(Topics.SURROGATE_JOBS).expect(Topics.SEARCHES);
        for (String o : JOB_OUTCOMES) {
            Counter.builder("lossforge.trainer.jobs").tag("outcome", o).register(registry);
            Counter.builder("lossforge.trainer.surrogate_jobs").tag("outcome", o).register(registry);
        }
        for (String o : SEARCH_OUTCOMES) {
            Counter.builder("lossforge.trainer.search_runs").tag("outcome", o).register(registry);
        }
        for (String o : TIMED_OUTCOMES) {
            fit(o);
            surrogate(o);
        }
        Gauge.builder("lossforge.trainer.gpus", TrainerMetrics::gpus)
                .description("GPUs the DJL engine can use (0 on a CPU-only trainer)").register(registry);
        Gauge.builder("lossforge.trainer.gpu.memory.used", TrainerMetrics::gpuMemoryUsed).baseUnit(BaseUnits.BYTES)
                .description("GPU memory in use on all GPUs (0 on a CPU-only trainer)").register(registry);
    }

    public ConsumerMeters consumer() {
        return consumer;
    }

    /** {@code lossforge_trainer_fit_seconds{outcome}}: one training job's fit. */
    public Timer fit(String outcome) {
        return histogram("lossforge.trainer.fit", outcome, "time to train one training job");
    }

    /** {@code lossforge_trainer_surrogate_seconds{outcome}}: one NLFS surrogate training. */
    public Timer surrogate(String outcome) {
        return histogram("lossforge.trainer.surrogate", outcome, "time to train one NLFS surrogate");
    }

    private Timer histogram(String name, String outcome, String description) {
        return Timer.builder(name).tag("outcome", outcome).description(description).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    static double gpus() {
        try {
            return CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    static double gpuMemoryUsed() {
        try {
            if (!CudaUtils.hasCuda()) {
                return 0;
            }
            long used = 0;
            for (int i = 0; i < CudaUtils.getGpuCount(); i++) {
                used += CudaUtils.getGpuMemory(Device.gpu(i)).getUsed();
            }
            return used;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** Every meter of this service (JVM, Kafka clients, ours) carries {@code service}: dashboards group by it. */
    @Produces
    @Singleton
    static MeterFilter serviceTag() {
        return MeterFilter.commonTags(Tags.of("service", Topics.TRAINER));
    }
}
