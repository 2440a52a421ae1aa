package org.lossforge.trainer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import ai.djl.engine.Engine;
import io.quarkus.runtime.StartupEvent;

/**
 * The DJL engine, loaded at startup so a missing or broken libtorch stops the service before it reads a job (rather
 * than failing every job). DJL runs offline ({@code ai.djl.offline=true} unless set otherwise): libtorch comes from the
 * {@code pytorch-native-*} jar on the classpath and is unpacked into {@code DJL_CACHE_DIR} (default {@code ~/.djl.ai})
 * on first use. Core trains on the engine's default device: the GPU when PyTorch reports one, else the CPU.
 * {@link DjlEngineCheck} shows it under {@code /q/health/ready}.
 */
@ApplicationScoped
public class DjlEngine {

    private static final Logger LOG = Logger.getLogger(DjlEngine.class);

    @ConfigProperty(name = "lossforge.djl.offline", defaultValue = "true")
    boolean offline;

    private volatile String description;

    void onStart(@Observes StartupEvent ev) {
        if (offline && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        long t0 = System.nanoTime();
        Engine e = Engine.getInstance();   // throws when libtorch cannot be loaded: startup fails
        description = e.getEngineName() + " " + e.getVersion() + " on " + e.defaultDevice();
        LOG.infof("DJL engine %s (GPUs: %d), loaded in %d ms", description, e.getGpuCount(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** E.g. {@code PyTorch 2.5.1 on cpu()}; what every prediction set records as its engine. */
    public String description() {
        String d = description;
        if (d == null) {
            Engine e = Engine.getInstance();
            d = e.getEngineName() + " " + e.getVersion() + " on " + e.defaultDevice();
            description = d;
        }
        return d;
    }

    /** The engine's description once it is loaded, else null. */
    String loaded() {
        return description;
    }
}
