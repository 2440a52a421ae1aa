package org.lossforge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The generated files under k8s/ are what their generators write from today's sources. */
class ManifestsInSyncTest {

    @Test
    void everyGeneratedFileIsUpToDate() throws IOException {
        for (Map.Entry<String, String> f : Manifests.generated(Rendered.REPO).entrySet()) {
            Path file = Rendered.REPO.resolve(f.getKey());
            String onDisk = Files.exists(file) ? Files.readString(file) : "<missing>";
            assertEquals(f.getValue(), onDisk, f.getKey() + " is out of date: run ./lossforge k8s generate");
        }
    }
}
