package org.lossforge.e2e;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression refers to, for checking dashboards against what the services export. A small
 * lexer, not a parser: it drops string literals, label matchers {@code {...}}, range and subquery brackets
 * {@code [5m]} / {@code [1h:1m]}, the label lists after {@code by / without / on / ignoring / group_left /
 * group_right}, numbers and durations, Grafana variables ({@code $__rate_interval}, {@code ${datasource}}), and
 * every function, aggregation and keyword of PromQL; any identifier left is a metric name. A name written as
 * {@code {__name__="x"}} is not seen (our dashboards do not use that form).
 */
public final class PromQlNames {

    /** Functions, aggregation operators and keywords: identifiers that are never metric names. */
    static final Set<String> RESERVED = Set.of(
            // aggregations
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio",
            // keywords and binary set operators
            "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
            "start", "end", "inf", "nan",
            // functions
            "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
            "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_avg",
            "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar",
            "histogram_sum", "holt_winters", "double_exponential_smoothing", "hour", "idelta", "increase", "irate",
            "label_join", "label_replace", "ln", "log2", "log10", "minute", "month", "predict_linear", "rate",
            "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "sqrt",
            "time", "timestamp", "vector", "year", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time",
            "present_over_time", "mad_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh",
            "sin", "sinh", "tan", "tanh", "deg", "rad", "pi",
            // Grafana templating functions (label_values(metric, label) names a metric; its label does not)
            "label_values", "label_names", "metrics", "query_result");

    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern GRAFANA_VAR = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*|\\d[\\w.]*|\\S");

    private PromQlNames() {
    }

    /** Every metric name {@code expr} refers to, sorted. */
    public static Set<String> of(String expr) {
        String s = STRING.matcher(expr).replaceAll(" ");
        s = GRAFANA_VAR.matcher(s).replaceAll(" 1 ");
        s = strip(s, '{', '}');
        s = strip(s, '[', ']');
        s = LABEL_LIST.matcher(s).replaceAll(" ");
        // label_values(metric, label): the second argument is a label
        s = s.replaceAll("label_values\\s*\\(([^,()]*),[^)]*\\)", "($1)");
        Set<String> names = new TreeSet<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String t = m.group();
            if (Character.isDigit(t.charAt(0)) || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_'
                    || t.charAt(0) == ':')) {
                continue;
            }
            if (!RESERVED.contains(t.toLowerCase(java.util.Locale.ROOT))) {
                names.add(t);
            }
        }
        return names;
    }

    /** Removes every {@code open ... close} span (not nested in our use: matchers and ranges). */
    private static String strip(String s, char open, char close) {
        StringBuilder b = new StringBuilder(s.length());
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == open) {
                depth++;
                b.append(' ');
            } else if (c == close && depth > 0) {
                depth--;
                b.append(' ');
            } else if (depth == 0) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
