package org.lossforge.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Minimal RFC-4180-style reader for gzip-compressed UTF-8 CSV with a header row.
 *
 * <p>Fields are separated by commas; a field may be enclosed in double quotes, in which case it may
 * contain commas, line breaks and doubled quotes ({@code ""} → {@code "}). Records end with LF or
 * CRLF. Every record must have as many fields as the header. A trailing empty line is ignored.
 */
final class GzCsv implements AutoCloseable {
    private final Path file;
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int lim;
    private final StringBuilder field = new StringBuilder(64);
    private final List<String> header;
    private String[] row;
    private long record; // 1-based number of the last record read (header = 1)

    private GzCsv(Path file) throws IOException {
        this.file = file;
        InputStream raw = Files.newInputStream(file);
        try {
            this.in = new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
        String[] h = readRecord(-1);
        if (h == null) {
            throw new IllegalStateException(file + ": empty CSV, no header row");
        }
        this.header = List.of(h);
    }

    /** Opens a gzip CSV file and reads its header. */
    static GzCsv open(Path file) {
        try {
            return new GzCsv(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Column names in file order. */
    List<String> header() {
        return header;
    }

    /** Index of a column; {@link IllegalStateException} if the file lacks it. */
    int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException(file + ": missing column '" + name + "'; header is " + header);
        }
        return i;
    }

    /** Advances to the next record; false at end of file. */
    boolean next() {
        try {
            row = readRecord(header.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return row != null;
    }

    /** Field {@code i} of the current record. */
    String get(int i) {
        return row[i];
    }

    /** Field {@code i} of the current record as a double, with the record number on error. */
    double getDouble(int i) {
        try {
            return Double.parseDouble(row[i]);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where() + ": column '" + header.get(i) + "' is not a number: '" + row[i] + "'");
        }
    }

    /** Field {@code i} of the current record as an int, with the record number on error. */
    int getInt(int i) {
        try {
            return Integer.parseInt(row[i]);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where() + ": column '" + header.get(i) + "' is not an integer: '" + row[i] + "'");
        }
    }

    /** "file, record N" for error messages; records are counted from 1 with the header as record 1. */
    String where() {
        return file.getFileName() + ", record " + record;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    private int read() throws IOException {
        if (pos == lim) {
            lim = in.read(buf, 0, buf.length);
            pos = 0;
            if (lim <= 0) {
                lim = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    /** Reads one record, or null at end of input; {@code expected} &lt; 0 accepts any field count. */
    private String[] readRecord(int expected) throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        if (c == '\n' || c == '\r') {
            // blank line: only allowed as the very end of the file
            if (c == '\r' && read() != '\n') {
                throw new IllegalStateException(file + ": stray carriage return after record " + record);
            }
            if (read() == -1) {
                return null;
            }
            throw new IllegalStateException(file + ": blank line after record " + record);
        }
        record++;
        List<String> fields = new ArrayList<>(expected > 0 ? expected : 16);
        field.setLength(0);
        boolean quoted = false;
        boolean afterQuote = false; // closing quote seen, expect separator
        boolean fieldStart = true;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IllegalStateException(where() + ": unterminated quoted field");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        c = d;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == ',' || c == '\n' || c == '\r' || c == -1) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                fieldStart = true;
                if (c == ',') {
                    c = read();
                    continue;
                }
                if (c == '\r' && read() != '\n') {
                    throw new IllegalStateException(where() + ": carriage return not followed by line feed");
                }
                break;
            } else if (afterQuote) {
                throw new IllegalStateException(where() + ": text after closing quote");
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else {
                field.append((char) c);
                fieldStart = false;
            }
            c = read();
        }
        if (expected >= 0 && fields.size() != expected) {
            throw new IllegalStateException(where() + ": " + fields.size() + " fields, header has " + expected
                    + ": " + Arrays.toString(fields.toArray()));
        }
        return fields.toArray(new String[0]);
    }
}
