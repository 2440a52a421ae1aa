package org.lossforge.generator;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Null checks for request bodies ({@code "datasets": [null]}, {@code "settings": {"budget": null}}): such a body is a 400
 * from its resource, not a NullPointerException later (Avro refuses nulls where the schema has none). Safe on
 * immutable collections, whose {@code contains(null)} throws.
 */
public final class Nulls {

    private Nulls() {
    }

    /** True when the collection holds a null; false for a null collection (its own check says it is missing). */
    public static boolean in(Collection<?> c) {
        return c != null && c.stream().anyMatch(Objects::isNull);
    }

    /** True when the map has a null key or value; false for a null map. */
    public static boolean in(Map<?, ?> m) {
        return m != null && m.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null);
    }
}
