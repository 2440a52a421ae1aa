package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench nlfs} writes its own section and keeps the others (a tiny run: the numbers are not checked). */
class BenchNlfsTest {

    @Test
    void writesItsSectionAndKeepsTheOthers(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("benchmarks.md");
        Files.writeString(md, "# Benchmarks\n\n<!-- bench:core:start -->\n## Science core\nkept\n<!-- bench:core:end -->\n\nafter\n");
        BadInputTest.Run r = BadInputTest.run("bench", "nlfs", "--candidates", "200", "--repeats", "1", "--out", md.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(md);
        assertTrue(text.contains("## Science core\nkept\n"), text);
        assertTrue(text.contains("after"), text);
        int start = text.indexOf("<!-- bench:nlfs:start -->");
        int end = text.indexOf("<!-- bench:nlfs:end -->");
        assertTrue(start >= 0 && end > start, text);
        String section = text.substring(start, end);
        assertTrue(section.contains("`./lossforge bench nlfs --candidates 200 --repeats 1`"), section);
        assertTrue(section.contains("candidates per second"), section);
        assertTrue(section.contains("children proposed per second"), section);
        BadInputTest.assertOneLineError(BadInputTest.run("bench", "nlfs", "--candidates", "5"), "at least 100");
        BadInputTest.assertOneLineError(BadInputTest.run("bench", "nlfs", "--seeds", "5"), "--seeds");
    }
}
