package org.lossforge.core.classify;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with one PyTorch intra-op thread and restores the count afterwards (see {@link EngineThreads}:
 * two OpenMP threads on a busy 2-core machine are many times slower, and surrogate numbers are reproducible for a
 * fixed thread count). Use with {@code @ExtendWith(OneIntraOpThread.class)}.
 */
public final class OneIntraOpThread implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OneIntraOpThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("before", EngineThreads.get());
        EngineThreads.set(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Integer before = context.getStore(NS).get("before", Integer.class);
        if (before != null && before > 0) {
            EngineThreads.set(before);
        }
    }
}
