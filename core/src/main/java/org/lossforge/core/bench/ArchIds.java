package org.lossforge.core.bench;

import java.util.HashMap;
import java.util.Map;

/** Bidirectional map between dense architecture indices and architecture id strings. */
abstract class ArchIds {

    abstract int size();

    abstract String get(int index);

    /** Index of an id, or -1 if unknown. */
    abstract int find(String id);

    /** Ids held as strings with a hash index; for spaces up to some tens of thousands. */
    static ArchIds of(String benchmark, String[] ids) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            Integer prev = index.put(ids[i], i);
            if (prev != null) {
                throw new IllegalStateException(benchmark + ": duplicate architecture id '" + ids[i]
                        + "' at indices " + prev + " and " + i);
            }
        }
        return new ArchIds() {
            @Override
            int size() {
                return ids.length;
            }

            @Override
            String get(int i) {
                return ids[i];
            }

            @Override
            int find(String id) {
                Integer i = id == null ? null : index.get(id);
                return i == null ? -1 : i;
            }
        };
    }

    /**
     * 32-hex-digit ids (NB101 module hashes, MD5) stored as two longs each, in strictly ascending
     * order, looked up by binary search: 16 bytes per architecture instead of ~130 for a hash map.
     */
    static final class Md5 extends ArchIds {
        private final long[] hi;
        private final long[] lo;

        Md5(String benchmark, String[] hashes) {
            hi = new long[hashes.length];
            lo = new long[hashes.length];
            for (int i = 0; i < hashes.length; i++) {
                String h = hashes[i];
                if (h.length() != 32) {
                    throw new IllegalStateException(benchmark + ": module hash '" + h + "' at index " + i
                            + " is not 32 hex digits");
                }
                hi[i] = Long.parseUnsignedLong(h, 0, 16, 16);
                lo[i] = Long.parseUnsignedLong(h, 16, 32, 16);
                if (i > 0 && compare(hi[i - 1], lo[i - 1], hi[i], lo[i]) >= 0) {
                    throw new IllegalStateException(benchmark + ": module hashes not strictly ascending at index " + i);
                }
            }
        }

        @Override
        int size() {
            return hi.length;
        }

        @Override
        String get(int i) {
            return hex(hi[i]) + hex(lo[i]);
        }

        @Override
        int find(String id) {
            if (id == null || id.length() != 32) {
                return -1;
            }
            long h;
            long l;
            try {
                h = Long.parseUnsignedLong(id, 0, 16, 16);
                l = Long.parseUnsignedLong(id, 16, 32, 16);
            } catch (NumberFormatException e) {
                return -1;
            }
            if (!id.equals(id.toLowerCase(java.util.Locale.ROOT))) {
                return -1; // ids are lower-case hex; keep the round trip exact
            }
            int a = 0;
            int b = hi.length - 1;
            while (a <= b) {
                int m = (a + b) >>> 1;
                int c = compare(hi[m], lo[m], h, l);
                if (c < 0) {
                    a = m + 1;
                } else if (c > 0) {
                    b = m - 1;
                } else {
                    return m;
                }
            }
            return -1;
        }

        private static int compare(long h1, long l1, long h2, long l2) {
            int c = Long.compareUnsigned(h1, h2);
            return c != 0 ? c : Long.compareUnsigned(l1, l2);
        }

        private static String hex(long v) {
            String s = Long.toHexString(v);
            return s.length() == 16 ? s : "0".repeat(16 - s.length()) + s;
        }
    }
}
