package org.lossforge.ranker.query;

import java.util.Locale;

/** Ranking direction: {@code asc} puts the smallest mean first, {@code desc} the largest. */
public enum SortOrder {
    ASC, DESC;

    /** {@code asc}/{@code desc} in any case; {@code fallback} when blank. */
    public static SortOrder parse(String text, SortOrder fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> ASC;
            case "desc" -> DESC;
            default -> throw new IllegalArgumentException("order must be 'asc' or 'desc', got '" + text + "'");
        };
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
