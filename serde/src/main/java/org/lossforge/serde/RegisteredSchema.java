package org.lossforge.serde;

import org.apache.avro.Schema;

/** One version of a subject as the registry stores it. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
}
