package org.lossforge.services.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.lossforge.schemas.Topics;
import org.lossforge.testkit.BrokerChoice;
import org.lossforge.testkit.TestInfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The one test resource of the services' {@code @QuarkusTest}s: a real broker and a real schema registry from
 * {@link TestInfra} (chosen and logged by {@link BrokerChoice}: {@code KAFKA_BOOTSTRAP}, else Testcontainers where a
 * Docker engine answers, else the in-JVM KRaft broker + the dev registry), with every topic of {@link Topics#ALL}
 * created (its partitions and {@code configs()}) before the service starts. It returns
 * {@code kafka.bootstrap.servers} and {@code lossforge.schema-registry.url}, plus one property per init arg:
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = KafkaAndRegistryResource.class, restrictToAnnotatedClass = true, initArgs = {
 *     @ResourceArg(name = "mp.messaging.incoming.prediction-sets-in.group.id", value = "lossforge-evaluator-test-{unique}"),
 *     @ResourceArg(name = "kafka-streams.state.dir", value = "{tempdir}")})
 * }</pre>
 *
 * In an init arg's value, {@code {unique}} becomes a value no other placeholder of this JVM got (wall-clock millis and a
 * counter: a fresh consumer group or application id, so no offsets or state from an earlier run against an external
 * broker are picked up), and {@code {tempdir}} a fresh directory under {@code target/} (not {@code /tmp}: Kafka
 * Streams warns about it), deleted on {@link #stop()}.
 */
public class KafkaAndRegistryResource implements QuarkusTestResourceLifecycleManager {

    public static final String UNIQUE = "{unique}";
    public static final String TEMPDIR = "{tempdir}";

    private static final AtomicLong COUNTER = new AtomicLong();

    private final Map<String, String> args = new LinkedHashMap<>();
    private final List<Path> tempDirs = new ArrayList<>();
    private TestInfra infra;

    @Override
    public void init(Map<String, String> initArgs) {
        args.clear();
        args.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        infra = TestInfra.start();
        try {
            infra.createTopics(Topics.ALL.stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                    .toList());
            Map<String, String> config = new LinkedHashMap<>(resolve(args, KafkaAndRegistryResource::unique,
                    this::tempDir));
            config.put("kafka.bootstrap.servers", infra.bootstrapServers());
            config.put("lossforge.schema-registry.url", infra.registryUrl());
            return config;
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.close();   // an external (KAFKA_BOOTSTRAP) broker is left running
            infra = null;
        }
        for (Path dir : tempDirs) {
            deleteQuietly(dir);
        }
        tempDirs.clear();
    }

    /**
     * The init args with their placeholders replaced: every {@value #UNIQUE} by {@code unique} (asked once per
     * occurrence) and every {@value #TEMPDIR} by {@code tempDir} applied to the property name.
     */
    static Map<String, String> resolve(Map<String, String> args, Supplier<String> unique,
                                       Function<String, Path> tempDir) {
        Map<String, String> out = new LinkedHashMap<>();
        args.forEach((name, value) -> {
            StringBuilder b = new StringBuilder();
            int i = 0;
            while (i < value.length()) {
                if (value.startsWith(UNIQUE, i)) {
                    b.append(unique.get());
                    i += UNIQUE.length();
                } else if (value.startsWith(TEMPDIR, i)) {
                    b.append(tempDir.apply(name));
                    i += TEMPDIR.length();
                } else {
                    b.append(value.charAt(i++));
                }
            }
            out.put(name, b.toString());
        });
        return out;
    }

    static String unique() {
        return System.currentTimeMillis() + "-" + COUNTER.incrementAndGet();
    }

    private Path tempDir(String property) {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            Path dir = Files.createTempDirectory(target, property.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
            tempDirs.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("KafkaAndRegistryResource: cannot create a directory under target/", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover directory under target/ is harmless
        }
    }
}
