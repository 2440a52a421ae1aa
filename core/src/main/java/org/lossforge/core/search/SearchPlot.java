package org.lossforge.core.search;

import java.util.List;
import java.util.Locale;

/** A small SVG line chart: one panel per dataset, mean best value against the number of queries, one line per method. */
final class SearchPlot {
    private SearchPlot() {}

    static final String[] COLOURS = {"#7f7f7f", "#8c564b", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#17becf"};

    /** One panel: title, x values, and per series a name and y values (same length as x). */
    record Panel(String title, int[] x, List<String> names, List<double[]> ys) {}

    static String svg(List<Panel> panels, String yLabel) {
        int pw = 360, ph = 280, left = 58, right = 12, top = 30, bottom = 44, legend = 24;
        int width = pw * panels.size(), height = ph + legend;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int ox = p * pw;
            double x0 = panel.x()[0], x1 = panel.x()[panel.x().length - 1];
            double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
            for (double[] ys : panel.ys()) {
                for (double y : ys) {
                    if (Double.isFinite(y)) {
                        y0 = Math.min(y0, y);
                        y1 = Math.max(y1, y);
                    }
                }
            }
            if (!(y1 > y0)) {
                y0 -= 1;
                y1 += 1;
            }
            double pad = (y1 - y0) * 0.05;
            y0 -= pad;
            y1 += pad;
            double fx0 = x0, fx1 = Math.max(x1, x0 + 1), fy0 = y0, fy1 = y1;
            int plotW = pw - left - right, plotH = ph - top - bottom;
            java.util.function.DoubleUnaryOperator sx = v -> ox + left + (v - fx0) / (fx1 - fx0) * plotW;
            java.util.function.DoubleUnaryOperator sy = v -> top + (fy1 - v) / (fy1 - fy0) * plotH;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">%s</text>%n",
                    ox + left + plotW / 2, esc(panel.title())));
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                    ox + left, top, plotW, plotH));
            for (int t = 0; t <= 4; t++) {
                double v = y0 + (y1 - y0) * t / 4;
                double yy = sy.applyAsDouble(v);
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                        ox + left, ox + left + plotW, yy, yy));
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
                        ox + left - 4, yy + 4, v));
            }
            for (int xv : panel.x()) {
                double xx = sx.applyAsDouble(xv);
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
                        xx, xx, top + plotH, top + plotH + 4));
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                        xx, top + plotH + 16, xv));
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">queries</text>%n",
                    ox + left + plotW / 2, top + plotH + 32));
            b.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                    ox + 14, top + plotH / 2, esc(yLabel)));
            for (int s = 0; s < panel.ys().size(); s++) {
                StringBuilder pts = new StringBuilder();
                double[] ys = panel.ys().get(s);
                for (int i = 0; i < ys.length; i++) {
                    if (Double.isFinite(ys[i])) {
                        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.applyAsDouble(panel.x()[i]), sy.applyAsDouble(ys[i])));
                    }
                }
                b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>%n",
                        COLOURS[s % COLOURS.length], pts.toString().trim()));
            }
        }
        if (!panels.isEmpty()) {
            List<String> names = panels.get(0).names();
            int x = 12;
            for (int s = 0; s < names.size(); s++) {
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                        x, x + 18, ph + 10, ph + 10, COLOURS[s % COLOURS.length]));
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 22, ph + 14, esc(names.get(s))));
                x += 30 + 7 * names.get(s).length();
            }
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
