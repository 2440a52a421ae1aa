package org.lossforge.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads a one-column numeric file: one finite decimal number per line, no header, UTF-8.
 *
 * <p>Accepted: optional surrounding whitespace (and a {@code \r}), a leading UTF-8 BOM, plain or scientific
 * decimal notation ({@code 3}, {@code -0.25}, {@code .5}, {@code 1e-3}), and blank lines at the end of the
 * file. Rejected, each with a {@link CliException} whose one-line message names the file and, where there is
 * one, the 1-based line: a missing or unreadable file, a file with no numbers, a blank line followed by more
 * numbers, text that is not a decimal number (including Java-only forms such as {@code 1d} or {@code 0x1p3}),
 * and NaN / Infinity / values that overflow to infinity.
 *
 * <p>Example message: {@code truth.csv line 3: 'abc' is not a number}.
 */
public final class NumberColumn {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private NumberColumn() {
    }

    /**
     * The numbers of {@code file}, in file order; never empty.
     *
     * @throws CliException on any problem listed in the class comment
     */
    public static double[] read(Path file) {
        double[] values = new double[1024];
        int n = 0;
        int blankSince = 0; // first line of the current run of blank lines, 0 if none
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String s = line.strip();
                if (s.isEmpty()) {
                    if (blankSince == 0) {
                        blankSince = lineNo;
                    }
                    continue;
                }
                if (blankSince != 0) {
                    throw new CliException(file + " line " + blankSince
                            + ": blank line before more numbers (blank lines are only allowed at the end)");
                }
                values = append(values, n++, parse(file, lineNo, s));
            }
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new CliException(file + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new CliException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (n == 0) {
            throw new CliException(file + ": empty file (expected one number per line)");
        }
        return Arrays.copyOf(values, n);
    }

    private static double parse(Path file, int lineNo, String s) {
        if (NON_FINITE.matcher(s).matches()) {
            throw new CliException(file + " line " + lineNo + ": '" + s + "' is not a finite number");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new CliException(file + " line " + lineNo + ": '" + shorten(s) + "' is not a number");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new CliException(file + " line " + lineNo + ": '" + s + "' is too large (not a finite double)");
        }
        return v;
    }

    private static double[] append(double[] values, int at, double v) {
        if (at == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[at] = v;
        return values;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
