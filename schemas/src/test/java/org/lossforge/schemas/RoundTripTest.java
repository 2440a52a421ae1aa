package org.lossforge.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Every generated record survives Avro binary encoding unchanged. */
class RoundTripTest {

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> byte[] write(T record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>((Class<T>) record.getClass()).write(record, enc);
        enc.flush();
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> T read(Class<T> type, byte[] bytes) throws IOException {
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, null);
        T t = new SpecificDatumReader<T>(type).read(null, dec);
        assertTrue(dec.isEnd(), "trailing bytes after " + type.getSimpleName());
        return t;
    }

    @Test
    void everyRecordRoundTrips() throws IOException {
        for (SpecificRecord r : Samples.all()) {
            byte[] bytes = write(r);
            SpecificRecord back = read(r.getClass(), bytes);
            String what = r.getClass().getSimpleName();
            assertNotSame(r, back);
            if (hasNaN(r)) {
                // generated equals() compares doubles with ==, see below; compare() treats NaN as equal
                assertEquals(0, SpecificData.get().compare(r, back, r.getSchema()), what);
            } else {
                // not byte-for-byte re-encoding: Avro reads maps into a HashMap, so map entry order is not kept
                assertEquals(r, back, what);
            }
        }
    }

    /**
     * A quirk consumers must know: Avro 1.12's generated equals() compares primitive doubles with {@code ==}, so
     * a record holding NaN (every FAILED Evaluation) is not equal to its own copy. De-duplicate by trialId,
     * never by equals(); SpecificData.compare treats NaN as equal.
     */
    @Test
    void generatedEqualsTreatsNaNAsUnequal() throws IOException {
        Evaluation failed = Samples.failedEvaluation();
        Evaluation copy = read(Evaluation.class, write(failed));
        assertNotEquals(failed, copy);
        assertEquals(0, SpecificData.get().compare(failed, copy, Evaluation.getClassSchema()));
        assertEquals(failed.getTrialId(), copy.getTrialId());
    }

    static boolean hasNaN(SpecificRecord r) {
        return r.toString().contains("NaN");
    }

    @Test
    void samplesCoverEveryRecordType() {
        Set<String> sampled = Samples.all().stream().map(r -> r.getSchema().getFullName()).collect(Collectors.toSet());
        Set<String> records = SchemaRulesTest.parseAll().values().stream()
                .filter(s -> s.getType() == Schema.Type.RECORD).map(Schema::getFullName).collect(Collectors.toSet());
        assertEquals(records, sampled);
    }

    @Test
    void nb201ScoresSurviveBitForBit() throws IOException {
        PredictionSet p = Samples.predictions();
        PredictionSet back = read(PredictionSet.class, write(p));
        float[] expected = Samples.nb201Scores();
        float[] got = Scores.decode(back.getScores(), back.getEncoding(), back.getCount());
        assertEquals(15_625, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]), "score " + i);
        }
        assertEquals(expected[1], Scores.decode(back)[1], 0.0);
    }

    @Test
    void nb101PredictionSetFitsTheTopicLimit() throws IOException {
        float[] s = new float[423_624];
        PredictionSet p = PredictionSet.newBuilder(Samples.predictions()).setBenchmark("nb101").setCount(s.length)
                .setScores(Scores.encode(s)).build();
        int size = write(p).length + 5; // + Confluent header
        assertTrue(size > 1_694_496 && size < Topics.spec(Topics.PREDICTION_SETS).orElseThrow().maxMessageBytes(),
                "nb101 prediction set is " + size + " bytes");
    }

    @Test
    void failedEvaluationKeepsNaN() throws IOException {
        Evaluation back = read(Evaluation.class, write(Samples.failedEvaluation()));
        assertEquals(EvaluationStatus.FAILED, back.getStatus());
        assertTrue(Double.isNaN(back.getKendallTauB()) && Double.isNaN(back.getRegret10()));
    }

    @Test
    void timestampsKeepMilliseconds() throws IOException {
        StudyRequested back = read(StudyRequested.class, write(Samples.study()));
        assertEquals(Samples.T0, back.getRequestedAt());
        assertArrayEquals(new Object[] {"cifar10", "cifar100", "imagenet16"}, back.getDatasets().toArray());
    }
}
