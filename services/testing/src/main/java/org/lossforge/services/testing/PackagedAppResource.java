package org.lossforge.services.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.lossforge.testkit.RepoRoot;

/**
 * The broker and registry of {@link KafkaAndRegistryResource}, for {@code @QuarkusIntegrationTest}: there the service
 * is the packaged artifact in its own process, and what {@link #start()} returns becomes its {@code -D} system
 * properties. Adds the data folder as the container image sets it ({@code LOSSFORGE_DATA}, here
 * {@code -Dlossforge.data}), and keeps the values for the test itself ({@link #config}), which has no CDI to inject
 * them. Kafka's INFO chatter (the in-process broker here, the clients in the app) is turned down to WARN on both
 * sides, as the services' application.properties do for the {@code %test} profile the packaged app does not run in.
 * Init args work as for {@link KafkaAndRegistryResource}.
 */
public class PackagedAppResource extends KafkaAndRegistryResource {

    /** Held so the levels set on them stay (java.util.logging keeps loggers weakly). */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.apache.kafka"), Logger.getLogger("kafka"),
            Logger.getLogger("state.change.logger"));

    private static volatile Map<String, String> config = Map.of();

    @Override
    public Map<String, String> start() {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        Map<String, String> m = new HashMap<>(super.start());
        m.put("lossforge.data", RepoRoot.find().resolve("data").toString());
        m.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        m.put("quarkus.log.category.\"kafka\".level", "WARN");
        config = Map.copyOf(m);
        return m;
    }

    /** A value the packaged app was started with, e.g. {@code kafka.bootstrap.servers}. */
    public static String config(String key) {
        String v = config.get(key);
        if (v == null) {
            throw new IllegalStateException(key + " is not set: the resource has not started (" + config.keySet() + ")");
        }
        return v;
    }
}
