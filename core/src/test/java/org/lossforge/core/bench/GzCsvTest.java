package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzCsvTest {
    @TempDir
    Path tmp;

    private Path gz(String text) throws IOException {
        Path f = Files.createTempFile(tmp, "t", ".csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    private static List<String[]> rows(GzCsv csv) {
        List<String[]> rows = new ArrayList<>();
        while (csv.next()) {
            String[] r = new String[csv.header().size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = csv.get(i);
            }
            rows.add(r);
        }
        return rows;
    }

    @Test
    void quotedFieldsWithCommasQuotesAndNewlines() throws IOException {
        Path f = gz("id,ops,x\r\n"
                + "|a~0|+|b~0|c~1|,\"input,conv,output\",1.5\r\n"
                + "\"say \"\"hi\"\"\",\"two\nlines\",\n"
                + "plain,,-2\n");
        try (GzCsv csv = GzCsv.open(f)) {
            assertEquals(List.of("id", "ops", "x"), csv.header());
            assertEquals(1, csv.column("ops"));
            List<String[]> r = rows(csv);
            assertEquals(3, r.size());
            assertArrayEquals(new String[] {"|a~0|+|b~0|c~1|", "input,conv,output", "1.5"}, r.get(0));
            assertArrayEquals(new String[] {"say \"hi\"", "two\nlines", ""}, r.get(1));
            assertArrayEquals(new String[] {"plain", "", "-2"}, r.get(2));
        }
    }

    @Test
    void lastRecordWithoutNewline() throws IOException {
        try (GzCsv csv = GzCsv.open(gz("a,b\n1,2"))) {
            assertTrue(csv.next());
            assertEquals(2.0, csv.getDouble(1));
            assertFalse(csv.next());
        }
    }

    @Test
    void wrongFieldCountAndMissingColumnFail() throws IOException {
        try (GzCsv csv = GzCsv.open(gz("a,b\n1,2,3\n"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, csv::next);
            assertTrue(e.getMessage().contains("record 2"), e.getMessage());
            IllegalStateException m = assertThrows(IllegalStateException.class, () -> csv.column("c"));
            assertTrue(m.getMessage().contains("'c'"), m.getMessage());
        }
    }

    @Test
    void unterminatedQuoteFails() throws IOException {
        try (GzCsv csv = GzCsv.open(gz("a,b\n\"1,2\n"))) {
            assertThrows(IllegalStateException.class, csv::next);
        }
    }
}
