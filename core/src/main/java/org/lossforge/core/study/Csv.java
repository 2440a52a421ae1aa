package org.lossforge.core.study;

import java.util.Locale;

/** CSV cell formatting for reports: full-precision numbers, quoting only where needed. */
final class Csv {
    private Csv() {}

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.10g", v).trim();
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
