package org.lossforge.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** schemas/README.md's topic table says exactly what {@link Topics#ALL} says: one source of truth, no drift. */
class TopicsReadmeTest {

    static final List<String> HEADER = List.of("topic", "key", "value schema", "partitions", "cleanup policy",
            "retention", "max message", "producer", "consumers");

    /** The README row a spec must have, cell by cell. */
    static List<String> row(TopicSpec t) {
        return List.of(t.name(), t.key(), t.valueType().getSimpleName(), Integer.toString(t.partitions()),
                t.cleanupPolicy().kafkaValue(), t.retentionText(), t.maxMessageText(), t.producer(),
                String.join(", ", t.consumers()));
    }

    static List<String> cells(String line) {
        String s = line.trim();
        s = s.substring(1, s.length() - (s.endsWith("|") ? 1 : 0));
        return Arrays.stream(s.split("\\|", -1)).map(String::trim).toList();
    }

    /** The rows of the table whose header starts with "| topic |". */
    static List<List<String>> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int h = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| topic |")) {
                assertEquals(-1, h, "README.md must have ONE topic table");
                h = i;
            }
        }
        assertTrue(h >= 0, "README.md has no '| topic |' table");
        assertEquals(HEADER, cells(lines.get(h)));
        assertTrue(lines.get(h + 1).matches("\\|(-+\\|)+"), "separator row");
        List<List<String>> rows = new ArrayList<>();
        for (int i = h + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(cells(lines.get(i)));
        }
        return rows;
    }

    @Test
    void readmeTableMatchesTopicSpecs() throws IOException {
        List<List<String>> rows = readmeTable();
        String expected = Topics.ALL.stream().map(t -> "| " + String.join(" | ", row(t)) + " |")
                .collect(Collectors.joining("\n"));
        assertEquals(Topics.ALL.size(), rows.size(), "README rows vs Topics.ALL; expected rows:\n" + expected);
        for (int i = 0; i < rows.size(); i++) {
            List<String> want = row(Topics.ALL.get(i));
            for (int c = 0; c < HEADER.size(); c++) {
                assertEquals(want.get(c), rows.get(i).get(c), "README row " + (i + 1) + " column '" + HEADER.get(c)
                        + "'; expected rows:\n" + expected);
            }
        }
    }

    @Test
    void topicConstantsAreTheSpecsAndFollowTheNamingRule() throws IllegalAccessException {
        List<String> constants = new ArrayList<>();
        for (var f : Topics.class.getFields()) {
            if (f.getType() == String.class && f.get(null) instanceof String v && v.startsWith("lossforge.")) {
                constants.add(v);
            }
        }
        List<String> specs = Topics.ALL.stream().map(TopicSpec::name).toList();
        assertEquals(new HashSet<>(specs), new HashSet<>(constants));
        assertEquals(specs.size(), new HashSet<>(specs).size(), "duplicate topic");
        for (String n : List.of("studies", "loss-candidates", "training-jobs", "prediction-sets", "evaluations",
                "leaderboard", "dead-letters")) {
            assertTrue(specs.contains("lossforge." + n + ".v1"), n);
        }
    }

    @Test
    void coPartitionedTopicsHaveEqualPartitionCounts() {
        int studies = Topics.spec(Topics.STUDIES).orElseThrow().partitions();
        assertEquals(studies, Topics.spec(Topics.LOSS_CANDIDATES).orElseThrow().partitions());
        TopicSpec jobs = Topics.spec(Topics.TRAINING_JOBS).orElseThrow();
        for (String t : List.of(Topics.PREDICTION_SETS, Topics.EVALUATIONS, Topics.LEADERBOARD)) {
            TopicSpec s = Topics.spec(t).orElseThrow();
            assertEquals(jobs.partitions(), s.partitions(), t);
            assertEquals(jobs.key(), s.key(), t);
        }
    }

    @Test
    void configsAreKafkaTopicConfigs() {
        TopicSpec p = Topics.spec(Topics.PREDICTION_SETS).orElseThrow();
        assertEquals("delete", p.configs().get("cleanup.policy"));
        assertEquals("259200000", p.configs().get("retention.ms"));
        assertEquals("4194304", p.configs().get("max.message.bytes"));
        assertEquals("lossforge.prediction-sets.v1-value", p.valueSubject());
        assertEquals("-1", Topics.spec(Topics.LEADERBOARD).orElseThrow().configs().get("retention.ms"));
        assertEquals("compact", Topics.spec(Topics.LEADERBOARD).orElseThrow().configs().get("cleanup.policy"));
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TopicSpec("lossforge.Studies", "k", Evaluation.class, 1,
                TopicSpec.CleanupPolicy.DELETE, -1, 1, "a", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TopicSpec("lossforge.x.v1", "k", Evaluation.class, 0,
                TopicSpec.CleanupPolicy.DELETE, -1, 1, "a", List.of()));
    }
}
