package org.lossforge.serde;

/** Confluent wire format: byte 0 = magic 0, bytes 1..4 = schema id (big-endian int), then the Avro binary body. */
public final class WireFormat {

    public static final byte MAGIC = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Subject under the topic-name strategy: {@code <topic>-key} or {@code <topic>-value}. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    static void writeHeader(byte[] out, int schemaId) {
        out[0] = MAGIC;
        out[1] = (byte) (schemaId >>> 24);
        out[2] = (byte) (schemaId >>> 16);
        out[3] = (byte) (schemaId >>> 8);
        out[4] = (byte) schemaId;
    }

    static int readSchemaId(byte[] in) {
        return ((in[1] & 0xff) << 24) | ((in[2] & 0xff) << 16) | ((in[3] & 0xff) << 8) | (in[4] & 0xff);
    }
}
