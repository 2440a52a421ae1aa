package org.lossforge.ranker.aggregate;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;

import org.lossforge.schemas.MetricNames;

/**
 * Binary form of a {@link ConfigSummary} in the ranker's summary store and its changelog (internal state: no
 * registry subject; a version byte leads so the format can change). Constant size per configuration: about 600
 * bytes whatever its number of trials.
 *
 * <pre>
 * byte    version (1)
 * string  studyId, benchmark, dataset; int trainSize; string loss; nullable string candidateId, evalMetric
 *                                  (the identity; all null, train size 0, for a summary with nothing applied)
 * int     ok, failed; long lastEvaluatedAtMs
 * int     m, then m × (string metric name; int n; double mean, m2, min, max)
 *                                  (names, not positions: a metric added to MetricNames.ALL later reads as empty,
 *                                   one no longer known is dropped)
 * </pre>
 */
public final class SummaryCodec {

    public static final byte VERSION = 1;

    private static final List<byte[]> NAMES = MetricNames.ALL.stream().map(Binary::utf8).toList();

    private SummaryCodec() {
    }

    public static byte[] encode(ConfigSummary s) {
        ConfigIdentity id = s.identity;
        byte[][] text = id == null ? new byte[6][] : new byte[][] {Binary.utf8(id.studyId()), Binary.utf8(id.benchmark()),
                Binary.utf8(id.dataset()), Binary.utf8(id.loss()), Binary.utf8(id.candidateId()), Binary.utf8(id.evalMetric())};
        int size = 1 + 4 + 4 + 4 + 8 + 4;
        for (byte[] t : text) {
            size += Binary.size(t);
        }
        for (byte[] name : NAMES) {
            size += Binary.size(name) + 4 + 4 * 8;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION);
        Binary.put(b, text[0]);
        Binary.put(b, text[1]);
        Binary.put(b, text[2]);
        b.putInt(id == null ? 0 : id.trainSize());
        Binary.put(b, text[3]);
        Binary.put(b, text[4]);
        Binary.put(b, text[5]);
        b.putInt(s.ok).putInt(s.failed).putLong(s.lastEvaluatedAtMs).putInt(NAMES.size());
        for (int i = 0; i < NAMES.size(); i++) {
            Binary.put(b, NAMES.get(i));
            b.putInt(s.n[i]).putDouble(s.mean[i]).putDouble(s.m2[i]).putDouble(s.min[i]).putDouble(s.max[i]);
        }
        return b.array();
    }

    /** Reads what {@link #encode} wrote; throws {@link IllegalArgumentException} on anything else. */
    public static ConfigSummary decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            Binary.version(b, VERSION, "summary");
            ConfigSummary s = new ConfigSummary();
            String studyId = Binary.string(b), benchmark = Binary.string(b), dataset = Binary.string(b);
            int trainSize = b.getInt();
            String loss = Binary.string(b), candidateId = Binary.string(b), evalMetric = Binary.string(b);
            s.identity = studyId == null ? null   // an empty summary: nothing applied yet
                    : new ConfigIdentity(studyId, benchmark, dataset, trainSize, loss, candidateId, evalMetric);
            s.ok = b.getInt();
            s.failed = b.getInt();
            s.lastEvaluatedAtMs = b.getLong();
            int m = Binary.count(b);
            for (int j = 0; j < m; j++) {
                int i = MetricNames.ALL.indexOf(Binary.string(b));
                int n = b.getInt();
                double mean = b.getDouble(), m2 = b.getDouble(), min = b.getDouble(), max = b.getDouble();
                if (i >= 0) {
                    s.n[i] = n;
                    s.mean[i] = mean;
                    s.m2[i] = m2;
                    s.min[i] = min;
                    s.max[i] = max;
                }
            }
            Binary.end(b, "a summary");
            return s;
        } catch (BufferUnderflowException e) {
            throw Binary.truncated("summary", data.length, e);
        }
    }
}
