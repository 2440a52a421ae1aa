package org.lossforge.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lossforge.testkit.RepoRoot;

/**
 * Several ranker instances of one Kafka Streams application on this machine, as a StatefulSet runs them: an in-process
 * KRaft broker, a fresh schema registry, every topic of {@link Topics#ALL}, and N rankers as shipped (each a child JVM
 * on its own HTTP port, with its own state directory, the same application id, and its own
 * {@code application.server} = {@code 127.0.0.1:<port>} through {@code LOSSFORGE_RANKER_ADVERTISED}). No other
 * service runs: evaluations are published straight to lossforge.evaluations.v1.
 */
public final class RankerReplicas implements AutoCloseable {

    private final Backbone backbone;
    private final List<ServiceProcess> rankers = new ArrayList<>();
    private final List<String> advertised = new ArrayList<>();

    private RankerReplicas(Backbone backbone) {
        this.backbone = backbone;
    }

    /**
     * Starts the broker, the registry and {@code n} rankers, and waits until every ranker is ready.
     *
     * @param logs     where the rankers' logs go ({@code ranker-<i>.log})
     * @param env      extra environment of every ranker (e.g. {@code LOSSFORGE_RANKER_STANDBY_REPLICAS})
     * @param sysProps extra configuration of every ranker (e.g. {@code kafka-streams.session.timeout.ms})
     */
    public static RankerReplicas start(Path logs, int n, Map<String, String> env, Map<String, String> sysProps) {
        RankerReplicas r = new RankerReplicas(Backbone.start("lossforge-ranker-replicas-"));
        try {
            Path jar = RepoRoot.find().resolve("services/ranker/target/quarkus-app/quarkus-run.jar");
            for (int i = 0; i < n; i++) {
                int port = Platform.freePort();
                String server = "127.0.0.1:" + port;
                Map<String, String> props = new HashMap<>(sysProps);
                props.put("kafka-streams.state.dir", r.backbone.work().resolve("streams-state-" + i).toString());
                Map<String, String> e = new HashMap<>(env);
                e.put("KAFKA_BOOTSTRAP", r.backbone.bootstrapServers());
                e.put("SCHEMA_REGISTRY_URL", r.backbone.registryUrl());
                e.put("LOSSFORGE_RANKER_ADVERTISED", server);
                r.rankers.add(ServiceProcess.start("ranker-" + i, jar, port, "512m", props, e,
                        logs.resolve("ranker-" + i + ".log")));
                r.advertised.add(server);
            }
            for (ServiceProcess s : r.rankers) {
                s.awaitReady(Duration.ofSeconds(180));
            }
            return r;
        } catch (RuntimeException | Error e) {
            r.close();
            throw e;
        }
    }

    public int size() {
        return rankers.size();
    }

    public ServiceProcess ranker(int i) {
        return rankers.get(i);
    }

    /** Ranker {@code i}'s {@code application.server}, as the routing metadata and {@code servedBy} name it. */
    public String advertised(int i) {
        return advertised.get(i);
    }

    public String bootstrapServers() {
        return backbone.bootstrapServers();
    }

    public String registryUrl() {
        return backbone.registryUrl();
    }

    /** Stops the rankers (gracefully), the registry and the broker; deletes the state directories. */
    @Override
    public void close() {
        rankers.parallelStream().forEach(ServiceProcess::stop);
        backbone.close();
    }
}
