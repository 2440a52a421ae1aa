package org.lossforge.core.classify;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count for this process ({@code torch.set_num_threads}). On the 2-core machines shared with
 * other jobs, two OpenMP threads per training made the surrogate's convolutions 13–58× slower than one thread
 * (spinning threads competing for busy cores; DESIGN.md), so the surrogate's commands run with 1 unless told
 * otherwise. Same effect as starting the JVM with {@code -Dai.djl.pytorch.num_threads=N}, but callable after the
 * engine has started. Results depend slightly on the thread count (reduction order), so compare runs made with the
 * same count.
 */
public final class EngineThreads {

    private EngineThreads() {
    }

    /** Sets the intra-op threads when the engine is PyTorch; returns the count in force afterwards (−1 for another engine). */
    public static int set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + n);
        }
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return -1;
        }
        JniUtils.setNumThreads(n);
        return JniUtils.getNumThreads();
    }

    /** The intra-op threads in force (−1 for an engine other than PyTorch). */
    public static int get() {
        return "PyTorch".equals(Engine.getInstance().getEngineName()) ? JniUtils.getNumThreads() : -1;
    }
}
