package org.lossforge.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;

/**
 * {@code ./lossforge inject --study ID --id CANDIDATE --spec LOSS}: publishes one LossCandidate on
 * {@code lossforge.loss-candidates.v1} (key = study id) with a plain Kafka producer and our Confluent-format Avro
 * serializer; prints where it landed as one JSON object. Nothing is checked here beyond the ids: the
 * candidate-generator checks the candidate against its study and dead-letters it with the reason if it cannot be
 * trained, exactly as for any other producer.
 *
 * <p>{@code --kind} defaults to PIECEWISE for a spec of the {@code pw} loss and NAMED otherwise; EXPRESSION must be
 * asked for. Broker and registry default to {@code KAFKA_BOOTSTRAP} / {@code SCHEMA_REGISTRY_URL}, else the local
 * stack's ports ({@code infra/stack}: 127.0.0.1:19092 and :18081).
 */
public final class InjectCommand implements Command {

    @Override
    public String name() {
        return "inject";
    }

    @Override
    public String summary() {
        return "publish a loss candidate to a running study: --study ID --id CANDIDATE --spec 'hr:margin=0.05' "
                + "[--kind named|piecewise|expression] [--bootstrap HOST:PORT] [--registry URL] [--kafka-config FILE]";
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        a.rejectUnknown("study", "id", "spec", "kind", "name", "by", "bootstrap", "registry", "timeout", "kafka-config");
        String study = id(a.required("study"), "study");
        String candidateId = id(a.required("id"), "candidate id");
        String spec = a.required("spec").strip();
        if (spec.isEmpty()) {
            throw new CliException("--spec is empty", 2);
        }
        LossKind kind = kind(a.get("kind", null), spec);
        String bootstrap = a.get("bootstrap", env("KAFKA_BOOTSTRAP", "127.0.0.1:19092"));
        String registry = a.get("registry", env("SCHEMA_REGISTRY_URL", "http://127.0.0.1:18081/apis/ccompat/v7"));
        int timeout = a.getInt("timeout", 30);
        LossCandidate candidate = LossCandidate.newBuilder()
                .setCandidateId(candidateId).setStudyId(study).setKind(kind).setSpec(spec)
                .setDisplayName(a.get("name", null)).setSubmittedBy(a.get("by", System.getProperty("user.name")))
                .setSubmittedAt(Instant.ofEpochMilli(System.currentTimeMillis())).build();

        Properties p = clientConfig(a.get("kafka-config", null));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");   // one record: nothing to batch
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(timeout * 1000));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(timeout * 1000));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(timeout * 1000, 30_000)));
        RecordMetadata m;
        try (KafkaProducer<String, LossCandidate> producer = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(registry), true))) {
            m = producer.send(new ProducerRecord<>(Topics.LOSS_CANDIDATES, study, candidate)).get(timeout + 5L, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CliException("not published to " + bootstrap + ": " + oneLine(e.getCause()), 1);
        } catch (TimeoutException e) {
            throw new CliException("not published to " + bootstrap + " within " + timeout + " s", 1);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new CliException("not published to " + bootstrap + " (registry " + registry + "): " + oneLine(e), 1);
        }
        out.printf(Locale.ROOT, "{\"topic\": \"%s\", \"partition\": %d, \"offset\": %d, \"study\": \"%s\", "
                        + "\"candidateId\": \"%s\", \"kind\": \"%s\"}%n",
                m.topic(), m.partition(), m.offset(), study, candidateId, kind);
        return 0;
    }

    /**
     * Kafka client settings from {@code --kafka-config FILE} (a properties file: {@code security.protocol},
     * {@code sasl.*}, {@code ssl.*}, as for a cluster's {@code lossforge-client} KafkaUser, k8s/README.md); empty
     * without it.
     */
    static Properties clientConfig(String file) {
        Properties p = new Properties();
        if (file == null) {
            return p;
        }
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(file))) {
            p.load(r);
        } catch (java.io.IOException | RuntimeException e) {
            throw new CliException("--kafka-config " + file + ": cannot read it (" + e.getMessage() + ")", 2);
        }
        return p;
    }

    static LossKind kind(String given, String spec) {
        if (given == null) {
            String name = spec.split(":", 2)[0].strip();
            return name.equals("pw") ? LossKind.PIECEWISE : LossKind.NAMED;
        }
        try {
            return LossKind.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException("--kind must be named, piecewise or expression, got '" + given + "'", 2);
        }
    }

    private static String id(String value, String what) {
        if (!Keys.ID.matcher(value).matches()) {
            throw new CliException("bad " + what + " '" + value + "' (need 1-64 of [A-Za-z0-9._-])", 2);
        }
        return value;
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v.strip();
    }

    /** The message of {@code t} and of its causes, on one line. */
    private static String oneLine(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String msg = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            if (b.indexOf(msg) < 0) {
                b.append(b.length() == 0 ? "" : ": ").append(msg);
            }
        }
        return b.toString().replace('\n', ' ');
    }
}
