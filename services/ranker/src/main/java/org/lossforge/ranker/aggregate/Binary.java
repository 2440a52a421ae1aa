package org.lossforge.ranker.aggregate;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Strings and counts in the ranker's state codecs: an int byte length (-1 for null), then UTF-8; big-endian. */
final class Binary {

    private Binary() {
    }

    /** Bytes {@link #put} writes for {@code s}. */
    static int size(byte[] utf8) {
        return 4 + (utf8 == null ? 0 : utf8.length);
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static void put(ByteBuffer b, byte[] utf8) {
        if (utf8 == null) {
            b.putInt(-1);
        } else {
            b.putInt(utf8.length).put(utf8);
        }
    }

    static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad string length " + n);
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

    static int count(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.capacity()) {
            throw new IllegalArgumentException("bad count " + n);
        }
        return n;
    }

    static void version(ByteBuffer b, byte expected, String what) {
        byte v = b.get();
        if (v != expected) {
            throw new IllegalArgumentException("unknown " + what + " format version " + v);
        }
    }

    static void end(ByteBuffer b, String what) {
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " trailing bytes after " + what);
        }
    }

    /** A decode error as the codecs report it: truncated input is an IllegalArgumentException too. */
    static IllegalArgumentException truncated(String what, int length, BufferUnderflowException e) {
        return new IllegalArgumentException("truncated " + what + " (" + length + " bytes)", e);
    }
}
