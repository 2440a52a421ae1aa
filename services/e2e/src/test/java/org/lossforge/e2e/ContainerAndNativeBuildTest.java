package org.lossforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.lossforge.testkit.RepoRoot;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How the services are built for containers and as native executables, checked from the files, since neither a
 * native build (no GraalVM/Mandrel) nor an image build (no container engine) can run here (services/IMAGES.md): the
 * {@code native} profile of services/pom.xml is Quarkus' (activated by the property {@code native}, a container build
 * in a pinned Mandrel builder image, the integration tests on), the trainer opts out, each native service has its
 * {@code @QuarkusIntegrationTest} under failsafe, and every Dockerfile packages its own module with the data folder
 * and the documented paths.
 */
class ContainerAndNativeBuildTest {

    static final Path ROOT = RepoRoot.find();
    static final List<String> NATIVE = List.of("ranker", "evaluator", "candidate-generator");
    static final List<String> ALL = List.of("ranker", "evaluator", "candidate-generator", "predictor-trainer");

    static Document pom(String path) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(ROOT.resolve(path).toFile());
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static Map<String, String> properties(Element propertiesElement) {
        Map<String, String> m = new HashMap<>();
        if (propertiesElement != null) {
            for (Node n = propertiesElement.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    m.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        return m;
    }

    static Element profile(Document pom, String id) {
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            if (id.equals(child(p, "id").getTextContent().trim())) {
                return p;
            }
        }
        return null;
    }

    static String resolve(String value, Map<String, String> props) {
        String v = value;
        for (int i = 0; i < 5 && v.contains("${"); i++) {
            int a = v.indexOf("${"), b = v.indexOf('}', a);
            v = v.substring(0, a) + props.getOrDefault(v.substring(a + 2, b), "?") + v.substring(b + 1);
        }
        return v;
    }

    @Test
    void theNativeProfileIsQuarkusContainerBuildInAPinnedMandrelBuilder() throws Exception {
        Document services = pom("services/pom.xml");
        Element nat = profile(services, "native");
        assertTrue(nat != null, "services/pom.xml has no profile 'native'");
        Element activation = child(child(nat, "activation"), "property");
        assertEquals("native", child(activation, "name").getTextContent().trim());
        assertEquals(null, child(activation, "value"), "activated by the mere property, as -Dnative sets it");
        Element defaultActivation = child(child(nat, "activation"), "activeByDefault");
        assertTrue(defaultActivation == null || defaultActivation.getTextContent().trim().equals("false"));

        Map<String, String> top = properties(child(services.getDocumentElement(), "properties"));
        Map<String, String> p = properties(child(nat, "properties"));
        assertEquals("true", p.get("quarkus.native.enabled"));
        assertEquals("true", p.get("quarkus.native.container-build"));
        assertEquals("false", p.get("skipITs"));
        String builder = resolve(p.get("quarkus.native.builder-image"), top);
        assertTrue(builder.matches("quay\\.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-(17|21)"), builder);
        // outside the profile nothing is native, and the integration tests run in every `mvn verify`
        assertFalse(top.containsKey("quarkus.native.enabled"));
        assertEquals("false", top.get("skipITs"));
    }

    @Test
    void theTrainerStaysOnTheJvmUnderTheNativeProfile() throws Exception {
        Document trainer = pom("services/predictor-trainer/pom.xml");
        // a plain property of the child beats the parent's profile property
        Map<String, String> p = properties(child(trainer.getDocumentElement(), "properties"));
        assertEquals("false", p.get("quarkus.native.enabled"));
        assertEquals("false", p.get("quarkus.native.container-build"));
        assertTrue(Files.readString(ROOT.resolve("services/predictor-trainer/DESIGN.md"))
                .contains("## Why the trainer stays on the JVM"));
        assertFalse(Files.exists(ROOT.resolve("services/predictor-trainer/src/main/docker/Dockerfile.native")));
        // the e2e tests start the JVM jars, which a native build does not leave behind
        assertEquals("true", properties(child(profile(pom("services/e2e/pom.xml"), "native"), "properties"))
                .get("skipTests"));
    }

    @Test
    void everyNativeServiceHasAQuarkusIntegrationTestUnderFailsafe() throws Exception {
        for (String s : NATIVE) {
            Document pom = pom("services/" + s + "/pom.xml");
            NodeList ids = pom.getElementsByTagName("artifactId");
            boolean failsafe = false;
            for (int i = 0; i < ids.getLength(); i++) {
                failsafe |= ids.item(i).getTextContent().trim().equals("maven-failsafe-plugin");
            }
            assertTrue(failsafe, s + ": no maven-failsafe-plugin");
            try (Stream<Path> files = Files.walk(ROOT.resolve("services/" + s + "/src/test/java"))) {
                List<Path> its = files.filter(f -> f.getFileName().toString().endsWith("IT.java")).toList();
                assertEquals(1, its.size(), s + ": " + its);
                assertTrue(Files.readString(its.get(0)).contains("@QuarkusIntegrationTest"), its.get(0).toString());
            }
        }
    }

    @Test
    void everyDockerfilePackagesItsOwnServiceWithTheDataAndTheDocumentedPaths() throws IOException {
        for (String s : ALL) {
            String jvm = Files.readString(ROOT.resolve("services/" + s + "/src/main/docker/Dockerfile.jvm"));
            assertTrue(jvm.contains("FROM ${JAVA_IMAGE}") && jvm.contains("ARG JAVA_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:"), s);
            for (String dir : List.of("lib", "app", "quarkus")) {
                assertTrue(jvm.contains("COPY --chown=185 services/" + s + "/target/quarkus-app/" + dir + "/ /deployments/" + dir + "/"),
                        s + " " + dir);
            }
            assertEquals(4, jvm.lines().filter(l -> l.startsWith("COPY") && l.contains("/target/quarkus-app/")).count(), s);
            assertCommon(s, jvm);
            assertTrue(jvm.contains("ENTRYPOINT [ \"/opt/jboss/container/java/run/run-java.sh\" ]"), s);
        }
        for (String s : NATIVE) {
            String nat = Files.readString(ROOT.resolve("services/" + s + "/src/main/docker/Dockerfile.native"));
            assertTrue(nat.contains("COPY --chown=1001:root --chmod=0755 services/" + s + "/target/*-runner /deployments/application"), s);
            assertTrue(nat.contains("ENTRYPOINT [\"./application\", \"-Dquarkus.http.host=0.0.0.0\""), s);
            assertCommon(s, nat);
        }
        String trainer = Files.readString(ROOT.resolve("services/predictor-trainer/src/main/docker/Dockerfile.jvm"));
        assertTrue(trainer.contains("DJL_CACHE_DIR=/deployments/djl-cache"));
        assertTrue(trainer.contains("org.lossforge.trainer.LibtorchCache"));
        assertTrue(Files.isRegularFile(ROOT.resolve(
                "services/predictor-trainer/src/main/java/org/lossforge/trainer/LibtorchCache.java")));
        for (String s : List.of("ranker")) {
            for (String f : List.of("Dockerfile.jvm", "Dockerfile.native")) {
                assertTrue(Files.readString(ROOT.resolve("services/" + s + "/src/main/docker/" + f))
                        .contains("-Dkafka-streams.state.dir=/deployments/kafka-streams"), s + " " + f);
            }
        }
        // the build context is the repository root: it sends the data and the packaged services, nothing else
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertTrue(ignore.containsAll(List.of("*", "!data/", "!services/*/target/quarkus-app/*", "!services/*/target/*-runner")),
                ignore.toString());
    }

    private static void assertCommon(String service, String dockerfile) {
        assertTrue(dockerfile.contains("WORKDIR /deployments"), service);
        assertTrue(dockerfile.contains(" data/ /deployments/data/"), service);
        assertTrue(dockerfile.contains("LOSSFORGE_DATA=/deployments/data"), service);
        assertTrue(dockerfile.contains("mkdir -p /deployments/config"), service);
        assertTrue(dockerfile.contains("EXPOSE 8080"), service);
        // no other module's build output in this image
        for (String other : ALL) {
            if (!other.equals(service)) {
                assertFalse(dockerfile.contains("services/" + other + "/"), service + " copies from " + other);
            }
        }
    }
}
