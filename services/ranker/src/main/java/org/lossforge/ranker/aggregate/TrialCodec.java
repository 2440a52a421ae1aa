package org.lossforge.ranker.aggregate;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.lossforge.schemas.MetricNames;

/**
 * Binary form of a {@link TrialOutcome} in the ranker's trial store and its changelog (internal state: no registry
 * subject; a version byte leads so the format can change).
 *
 * <pre>
 * byte    version (1)
 * string  trialId; int seedIndex; byte ok; long evaluatedAtMs
 * int     m, then m doubles        (metric values in MetricNames.ALL order; metrics are only ever appended to that
 *                                   list, so a value past today's list is dropped and a missing one reads as NaN)
 * </pre>
 */
public final class TrialCodec {

    public static final byte VERSION = 1;

    private TrialCodec() {
    }

    public static byte[] encode(TrialOutcome t) {
        byte[] id = Binary.utf8(t.trialId());
        int m = MetricNames.ALL.size();
        ByteBuffer b = ByteBuffer.allocate(1 + Binary.size(id) + 4 + 1 + 8 + 4 + 8 * m);
        b.put(VERSION);
        Binary.put(b, id);
        b.putInt(t.seedIndex()).put((byte) (t.ok() ? 1 : 0)).putLong(t.evaluatedAtMs()).putInt(m);
        for (int i = 0; i < m; i++) {
            b.putDouble(t.metricAt(i));
        }
        return b.array();
    }

    /** Reads what {@link #encode} wrote; throws {@link IllegalArgumentException} on anything else. */
    public static TrialOutcome decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            Binary.version(b, VERSION, "trial");
            String trialId = Binary.string(b);
            int seedIndex = b.getInt();
            boolean ok = b.get() == 1;
            long at = b.getLong();
            int m = Binary.count(b);
            double[] values = new double[MetricNames.ALL.size()];
            Arrays.fill(values, Double.NaN);
            for (int i = 0; i < m; i++) {
                double v = b.getDouble();
                if (i < values.length) {
                    values[i] = v;
                }
            }
            Binary.end(b, "a trial");
            return new TrialOutcome(trialId, seedIndex, ok, at, values);
        } catch (BufferUnderflowException e) {
            throw Binary.truncated("trial", data.length, e);
        }
    }
}
