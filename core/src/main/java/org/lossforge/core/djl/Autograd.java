package org.lossforge.core.djl;

import java.util.concurrent.locks.ReentrantLock;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;

/**
 * Gradient collection shared by every trainer in the process. DJL's PyTorch engine allows <b>one</b> gradient
 * collector at a time in the whole JVM ({@code PtGradientCollector}: "A PtGradientCollector is already collecting.
 * Only one can be collecting at a time"), so two trainings on two threads — a predictor fit and a surrogate, as the
 * predictor-trainer service runs them — fail whenever their steps overlap. Every training step takes its collector
 * here: a fair process-wide lock is held from the collector's creation to its close (forward pass and backward pass
 * of one step), so steps of concurrent trainings interleave instead of colliding. Optimizer updates and evaluation
 * run outside the lock. Gradient mode itself is per thread in libtorch, so the other thread's forward passes without
 * a collector are not recorded.
 */
public final class Autograd {

    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private Autograd() {
    }

    /** A collector held exclusively until {@link Step#close()}. */
    public static Step step() {
        LOCK.lock();
        try {
            return new Step(Engine.getInstance().newGradientCollector());
        } catch (RuntimeException | Error e) {
            LOCK.unlock();
            throw e;
        }
    }

    /** One training step's gradient collection. */
    public static final class Step implements AutoCloseable {
        private final GradientCollector collector;
        private boolean closed;

        private Step(GradientCollector collector) {
            this.collector = collector;
        }

        public void backward(NDArray target) {
            collector.backward(target);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                collector.close();
            } finally {
                LOCK.unlock();
            }
        }
    }
}
