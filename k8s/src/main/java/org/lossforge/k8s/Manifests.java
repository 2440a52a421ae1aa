package org.lossforge.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The generated files of {@code k8s/} and the {@code ./lossforge k8s} command: {@code generate} (rewrites them),
 * {@code render DIR} (kustomize-compatible rendering to stdout), {@code validate DIR...} (renders and validates
 * every object; exit 1 with one line per problem).
 */
public final class Manifests {

    private Manifests() {
    }

    /** Every generated file, relative to the repository root, with its content. */
    public static Map<String, String> generated(Path repo) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("k8s/base/kafka/topics.yaml", TopicManifests.file());
        files.put("k8s/base/kafka/users.yaml", UserManifests.file(repo));
        for (ServiceManifests.Workload w : ServiceManifests.all()) {
            files.put("k8s/base/services/" + w.name() + ".yaml", ServiceManifests.file(w));
            if (w.quarkusService()) {
                files.put("k8s/base/services/" + w.name() + ".properties", ServiceManifests.configFile(w));
            }
        }
        files.put("k8s/overlays/gpu/keda.yaml", KedaManifests.file(repo));
        return files;
    }

    /**
     * The repository root: the nearest folder holding k8s/base and services/, looking up from {@code lossforge.repo}
     * (set by the build; a module's folder when Maven runs inside it) or else from the working directory.
     */
    public static Path repo() {
        String p = System.getProperty("lossforge.repo");
        Path start = p != null && !p.isBlank() ? Path.of(p) : Path.of("");
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("k8s/base")) && Files.isDirectory(d.resolve("services"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository root (no k8s/base above " + start.toAbsolutePath()
                + "); set -Dlossforge.repo");
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Path repo = repo();
        try {
            switch (args[0]) {
                case "generate" -> {
                    for (Map.Entry<String, String> f : generated(repo).entrySet()) {
                        Path file = repo.resolve(f.getKey());
                        Files.createDirectories(file.getParent());
                        boolean same = Files.exists(file) && Files.readString(file).equals(f.getValue());
                        if (!same) {
                            Files.writeString(file, f.getValue());
                        }
                        System.out.println((same ? "unchanged " : "wrote     ") + f.getKey());
                    }
                }
                case "render" -> {
                    if (args.length != 2) {
                        usage();
                        System.exit(2);
                    }
                    System.out.print(Yaml.write(Kustomize.build(Path.of(args[1]))));
                }
                case "validate" -> {
                    if (args.length < 2) {
                        usage();
                        System.exit(2);
                    }
                    int problems = 0;
                    Validator v = Validator.load();
                    for (int i = 1; i < args.length; i++) {
                        List<ObjectNode> objects = Kustomize.build(Path.of(args[i]));
                        List<String> found = v.validate(objects);
                        found.forEach(p -> System.out.println(p));
                        problems += found.size();
                        System.out.println(args[i] + ": " + objects.size() + " objects, "
                                + (found.isEmpty() ? "all valid" : found.size() + " problems"));
                    }
                    System.exit(problems == 0 ? 0 : 1);
                }
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("lossforge k8s: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: lossforge k8s generate | render DIR | validate DIR...");
    }
}
