package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    @TempDir
    Path tmp;

    @Test
    void sha256SumsFileMatchesCompiledConstants() throws IOException {
        Map<String, String> fromFile = new HashMap<>();
        for (String line : Files.readAllLines(DataDir.resolve().resolve("SHA256SUMS"))) {
            if (!line.isBlank()) {
                String[] p = line.split("\\s+\\*?", 2);
                fromFile.put(p[1], p[0]);
            }
        }
        assertEquals(Checksums.EXPECTED, fromFile);
    }

    @Test
    void everyShippedFileVerifies() {
        Path data = DataDir.resolve();
        for (String rel : Checksums.EXPECTED.keySet()) {
            Checksums.verified(data, rel);
        }
    }

    @Test
    void tamperedCopyFailsNamingFileAndSums() throws IOException {
        String rel = NbMacro.FILE;
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path copy = data.resolve(rel);
        Files.createDirectories(copy.getParent());
        byte[] bytes = Files.readAllBytes(DataDir.resolve().resolve(rel));
        bytes[bytes.length / 2] ^= 1;
        Files.write(copy, bytes);
        String expected = Checksums.EXPECTED.get(rel);
        String actual = Checksums.sha256(copy);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Checksums.verify(copy, expected));
        assertTrue(e.getMessage().contains(copy.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(actual), e.getMessage());

        // the loader refuses it too
        Files.writeString(data.resolve("SHA256SUMS"), expected + "  " + rel + "\n");
        assertThrows(IllegalStateException.class, () -> NbMacro.load(data));
        assertThrows(IllegalStateException.class, () -> Benchmarks.load(NbMacro.NAME, data));
    }

    @Test
    void missingAndUnknownFiles() {
        assertThrows(IllegalStateException.class, () -> Checksums.verified(tmp, NbMacro.FILE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checksums.verified(tmp, "other/file.csv.gz"));
        assertTrue(e.getMessage().contains("other/file.csv.gz"), e.getMessage());
    }
}
