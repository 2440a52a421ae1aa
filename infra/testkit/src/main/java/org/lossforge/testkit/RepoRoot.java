package org.lossforge.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the LossForge repository root: the directory whose {@code pom.xml} is {@code lossforge-parent}. */
public final class RepoRoot {

    private RepoRoot() {
    }

    /**
     * System property {@code lossforge.repo}, else env {@code LOSSFORGE_REPO}, else the working directory or its
     * nearest parent holding the root pom. A configured location that is not the root is ignored in favour of the walk.
     */
    public static Path find() {
        for (String configured : new String[] {System.getProperty("lossforge.repo"), System.getenv("LOSSFORGE_REPO")}) {
            if (configured != null && !configured.isBlank() && isRoot(Paths.get(configured))) {
                return Paths.get(configured).toAbsolutePath().normalize();
            }
        }
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the LossForge repository root (a pom.xml with artifactId "
                + "lossforge-parent) from " + start + "; set -Dlossforge.repo=<repo> or LOSSFORGE_REPO");
    }

    static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String text = Files.readString(pom, StandardCharsets.UTF_8);
            int parent = text.indexOf("<parent>");
            int own = text.indexOf("<artifactId>lossforge-parent</artifactId>");
            // the root pom declares lossforge-parent as its own artifactId, not inside a <parent> block
            return own >= 0 && (parent < 0 || own < parent || own > text.indexOf("</parent>"));
        } catch (IOException e) {
            return false;
        }
    }
}
