package org.lossforge.services.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.ScoreEncoding;
import org.lossforge.schemas.Scores;
import org.lossforge.schemas.Topics;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.LocalRegistry;

/** Every way a record can fail to decode, against the real dev/test registry. */
class RecordDecoderTest {

    static final String TOPIC = Topics.PREDICTION_SETS;
    static SchemaRegistryClient registry;
    static RecordDecoder<PredictionSet> decoder;
    static byte[] good;

    @BeforeAll
    static void registry() {
        registry = new SchemaRegistryClient(LocalRegistry.shared().url());
        decoder = new RecordDecoder<>(new AvroDeserializer<>(PredictionSet.class, registry),
                new DeadLetters("evaluator", Clock.systemUTC()));
        good = new AvroSerializer<PredictionSet>(registry, true).serialize(TOPIC, sample());
    }

    static PredictionSet sample() {
        return PredictionSet.newBuilder()
                .setTrialId("s1/nb201/cifar10/20/mse/0").setStudyId("s1").setBenchmark("nb201").setDataset("cifar10")
                .setTrainSize(20).setLoss("mse").setCandidateId(null).setSeedIndex(0).setSeed(5L)
                .setTrainMetric("valid").setEvalMetric("test").setCount(3).setEncoding(ScoreEncoding.F32LE)
                .setScores(Scores.encode(new float[] {0.5f, 0.25f, 1f})).setFitMillis(12L).setFinalLoss(0.1)
                .setError(null).setEngine("test").setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
    }

    static RawRecord raw(byte[] value) {
        return new RawRecord(TOPIC, 3, 17L, "k".getBytes(), value);
    }

    static DeadLetter dead(Outcome<?> o) {
        return assertInstanceOf(Outcome.Dead.class, o).letter();
    }

    @Test
    void goodRecordDecodes() {
        Outcome<PredictionSet> o = decoder.decode(raw(good));
        assertEquals(sample(), ((Outcome.Ok<PredictionSet>) assertInstanceOf(Outcome.Ok.class, o)).value());
    }

    @Test
    void checkMapsTheValue() {
        Outcome<Integer> o = decoder.decode(raw(good), PredictionSet::getCount);
        assertEquals(3, ((Outcome.Ok<Integer>) o).value());
    }

    @Test
    void tombstone() {
        DeadLetter d = dead(decoder.decode(raw(null)));
        assertTrue(d.getReason().startsWith("TOMBSTONE: "), d.getReason());
        assertNull(d.getValue());
        assertNull(d.getException());
    }

    @Test
    void tooShort() {
        DeadLetter d = dead(decoder.decode(raw(new byte[] {0, 0})));
        assertTrue(d.getReason().startsWith("TOO_SHORT"), d.getReason());
        assertTrue(d.getException().startsWith("org.lossforge.serde.SerdeException: TOO_SHORT"), d.getException());
        assertEquals(ByteBuffer.wrap(new byte[] {0, 0}), d.getValue());
        assertEquals(TOPIC, d.getOriginalTopic());
        assertEquals(3, d.getPartition());
        assertEquals(17L, d.getOffset());
        assertEquals("evaluator", d.getService());
    }

    @Test
    void notOurWireFormat() {
        DeadLetter d = dead(decoder.decode(raw("{\"json\": true}".getBytes())));
        assertTrue(d.getReason().startsWith("BAD_MAGIC"), d.getReason());
        assertTrue(d.getReason().contains("looks like JSON"), d.getReason());
    }

    @Test
    void unknownSchemaId() {
        byte[] bytes = good.clone();
        bytes[1] = 0x7f;   // schema id 0x7f......: never assigned
        DeadLetter d = dead(decoder.decode(raw(bytes)));
        assertTrue(d.getReason().startsWith("UNKNOWN_SCHEMA_ID"), d.getReason());
    }

    @Test
    void writerSchemaOfAnotherRecord() {
        byte[] letter = new AvroSerializer<DeadLetter>(registry, true).serialize(Topics.DEAD_LETTERS,
                new DeadLetters("x", Clock.systemUTC()).of(raw(new byte[] {1}), "R: r", null));
        DeadLetter d = dead(decoder.decode(raw(letter)));
        assertTrue(d.getReason().startsWith("INCOMPATIBLE_SCHEMA"), d.getReason());
    }

    @Test
    void corruptAvro() {
        DeadLetter truncated = dead(decoder.decode(raw(Arrays.copyOf(good, good.length - 3))));
        assertTrue(truncated.getReason().startsWith("CORRUPT_PAYLOAD"), truncated.getReason());
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        DeadLetter extra = dead(decoder.decode(raw(trailing)));
        assertTrue(extra.getReason().startsWith("CORRUPT_PAYLOAD"), extra.getReason());
        assertTrue(extra.getReason().contains("trailing bytes"), extra.getReason());
    }

    @Test
    void semanticallyInvalid() {
        DeadLetter d = dead(decoder.decode(raw(good), p -> {
            throw new InvalidRecordException("UNKNOWN_BENCHMARK", "no benchmark '" + p.getBenchmark() + "x'",
                    new IllegalArgumentException("unknown"));
        }));
        assertEquals("UNKNOWN_BENCHMARK: no benchmark 'nb201x'", d.getReason());
        assertEquals("java.lang.IllegalArgumentException: unknown", d.getException());
        assertEquals(ByteBuffer.wrap(good), d.getValue());
    }

    @Test
    void anyOtherFailureOfTheCheckIsDeadLetteredToo() {
        DeadLetter d = dead(decoder.decode(raw(good), p -> {
            throw new NullPointerException("oops");
        }));
        assertTrue(d.getReason().startsWith("PROCESSING_FAILED: java.lang.NullPointerException: oops"), d.getReason());
        assertEquals("java.lang.NullPointerException: oops", d.getException());
    }

    @Test
    void aCheckCanRefuseToDeadLetterWhatIsNotTheRecordsFault() {
        assertThrows(TransientFailureException.class, () -> decoder.decode(raw(good), p -> {
            throw new TransientFailureException("benchmark data unreadable", null);
        }));
    }

    @Test
    void unreachableRegistryIsNeverDeadLettered() {
        // a port nothing listens on: connection refused, REGISTRY_UNAVAILABLE
        String url = "http://127.0.0.1:" + freePort();
        RecordDecoder<PredictionSet> offline = new RecordDecoder<>(new AvroDeserializer<>(PredictionSet.class,
                new SchemaRegistryClient(url, Duration.ofSeconds(2))), new DeadLetters("evaluator", Clock.systemUTC()),
                2, Duration.ofMillis(10));
        TransientFailureException e = assertThrows(TransientFailureException.class, () -> offline.decode(raw(good)));
        assertTrue(e.getMessage().contains("REGISTRY_UNAVAILABLE"), e.getMessage());
        assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
