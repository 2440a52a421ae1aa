package org.lossforge.ranker.aggregate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.lossforge.schemas.MetricNames;

/**
 * Binary form of a {@link ConfigAggregate} for the ranker's own state store and its changelog. This is internal state,
 * not a contract between services, so it has no registry subject; a version byte leads so the format can change.
 *
 * <pre>
 * byte    version (1)
 * string  studyId, benchmark, dataset; int trainSize; string loss; nullable string candidateId, evalMetric
 * int     m, then m metric names      (the order of the values below; names, not positions, so adding a metric to
 *                                      MetricNames.ALL later reads old state with NaN for the new one)
 * int     t, then t trials: string trialId; int seedIndex; byte ok; long evaluatedAtMs; m doubles
 * </pre>
 * Strings are an int byte length and UTF-8 (-1 for null); numbers are big-endian (DataOutput).
 */
public final class AggregateCodec {

    public static final byte VERSION = 1;

    private AggregateCodec() {
    }

    public static byte[] encode(ConfigAggregate a) {
        // sized once: identity and names ~400 bytes, a trial its id (up to ~80 bytes), 17 bytes and its metrics; a doubling buffer
        // from 256 bytes was a fifth of the ranker's time (docs/benchmarks.md)
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + a.trials().size() * (96 + 8 * MetricNames.ALL.size()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            string(out, a.studyId());
            string(out, a.benchmark());
            string(out, a.dataset());
            out.writeInt(a.trainSize());
            string(out, a.loss());
            string(out, a.candidateId());
            string(out, a.evalMetric());
            out.writeInt(MetricNames.ALL.size());
            for (String name : MetricNames.ALL) {
                string(out, name);
            }
            out.writeInt(a.trials().size());
            for (TrialOutcome t : a.trials().values()) {
                string(out, t.trialId());
                out.writeInt(t.seedIndex());
                out.writeByte(t.ok() ? 1 : 0);
                out.writeLong(t.evaluatedAtMs());
                for (double v : t.metrics()) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // not for a byte array
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode} wrote; throws {@link IllegalArgumentException} on anything else. */
    public static ConfigAggregate decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown aggregate format version " + version);
            }
            String studyId = string(in);
            String benchmark = string(in);
            String dataset = string(in);
            int trainSize = in.readInt();
            String loss = string(in);
            String candidateId = string(in);
            String evalMetric = string(in);
            int m = count(in, data.length);
            int[] target = new int[m];   // position of each stored metric in MetricNames.ALL, -1 if no longer known
            for (int i = 0; i < m; i++) {
                target[i] = MetricNames.ALL.indexOf(string(in));
            }
            int t = count(in, data.length);
            List<TrialOutcome> trials = new ArrayList<>(t);
            for (int i = 0; i < t; i++) {
                String trialId = string(in);
                int seedIndex = in.readInt();
                boolean ok = in.readByte() == 1;
                long at = in.readLong();
                double[] values = new double[MetricNames.ALL.size()];
                java.util.Arrays.fill(values, Double.NaN);
                for (int j = 0; j < m; j++) {
                    double v = in.readDouble();
                    if (target[j] >= 0) {
                        values[target[j]] = v;
                    }
                }
                trials.add(new TrialOutcome(trialId, seedIndex, ok, at, values));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes after an aggregate");
            }
            return new ConfigAggregate(studyId, benchmark, dataset, trainSize, loss, candidateId, evalMetric, trials);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated aggregate (" + data.length + " bytes): " + e, e);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("bad string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IllegalArgumentException("bad count " + n);
        }
        return n;
    }
}
