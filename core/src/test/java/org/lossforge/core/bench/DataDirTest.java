package org.lossforge.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
    @TempDir
    Path tmp;

    @Test
    void walksUpFromWorkingDirectory() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("repo/data"));
        Files.writeString(data.resolve("SHA256SUMS"), "");
        Path deep = Files.createDirectories(tmp.resolve("repo/core/src"));
        assertEquals(data, DataDir.resolve(null, null, deep));
        assertEquals(data, DataDir.resolve("", " ", tmp.resolve("repo")));
    }

    @Test
    void propertyBeatsEnvironmentBeatsSearch() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        assertEquals(a, DataDir.resolve(a.toString(), b.toString(), tmp));
        assertEquals(b, DataDir.resolve(null, b.toString(), tmp));
    }

    @Test
    void clearErrorWhenNotFound() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDir.resolve(null, null, tmp));
        assertTrue(e.getMessage().contains("lossforge.data") && e.getMessage().contains("LOSSFORGE_DATA"), e.getMessage());
        IllegalStateException p = assertThrows(IllegalStateException.class,
                () -> DataDir.resolve(tmp.resolve("nope").toString(), null, tmp));
        assertTrue(p.getMessage().contains("nope"), p.getMessage());
    }

    @Test
    void findsRepositoryDataFromTestWorkingDirectory() {
        Path d = DataDir.resolve();
        assertTrue(Files.isRegularFile(d.resolve("SHA256SUMS")), d.toString());
    }
}
