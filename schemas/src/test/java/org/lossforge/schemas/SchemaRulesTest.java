package org.lossforge.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The house rules every .avsc follows, checked on the source files (not only on the generated classes). */
class SchemaRulesTest {

    static final Path AVRO = Path.of("src/main/avro");

    /** Every .avsc, shared types (common/) first, parsed by one parser as the build does; by relative path. */
    static Map<String, Schema> parseAll() {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(AVRO)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".avsc"))
                    .sorted((a, b) -> {
                        boolean ca = a.getParent().endsWith("common"), cb = b.getParent().endsWith("common");
                        return ca != cb ? (ca ? -1 : 1) : a.compareTo(b);
                    }).toList();
            for (Path p : all) {
                out.put(AVRO.relativize(p).toString(), parser.parse(p.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void everyFileParsesAndNamesItsType() {
        Map<String, Schema> all = parseAll();
        assertTrue(all.size() >= 10, "found " + all.keySet());
        all.forEach((file, s) -> {
            assertEquals("org.lossforge.schemas", s.getNamespace(), file);
            assertEquals(s.getName() + ".avsc", Path.of(file).getFileName().toString(), "file name = type name");
        });
    }

    @Test
    void optionalFieldsAreNullFirstUnionsWithNullDefault() {
        List<String> problems = new ArrayList<>();
        for (Schema s : records()) {
            for (Schema.Field f : s.getFields()) {
                String where = s.getName() + "." + f.name();
                Schema t = f.schema();
                if (t.getType() == Schema.Type.UNION) {
                    List<Schema> branches = t.getTypes();
                    if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL) {
                        problems.add(where + ": an optional field must be [\"null\", T], got " + t);
                    }
                    if (!f.hasDefaultValue() || f.defaultVal() != JsonProperties.NULL_VALUE) {
                        problems.add(where + ": an optional field needs \"default\": null");
                    }
                }
                if (t.getType() == Schema.Type.NULL) {
                    problems.add(where + ": a field of type null carries nothing");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyTypeAndFieldIsDocumented() {
        List<String> missing = new ArrayList<>();
        for (Schema s : named()) {
            if (blank(s.getDoc())) {
                missing.add(s.getFullName());
            }
            if (s.getType() == Schema.Type.RECORD) {
                for (Schema.Field f : s.getFields()) {
                    if (blank(f.doc())) {
                        missing.add(s.getName() + "." + f.name());
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "no doc: " + missing);
    }

    @Test
    void generatedClassesMatchTheSourceFiles() throws Exception {
        for (Schema s : named()) {
            Class<?> c = Class.forName(s.getFullName());
            // the generator marks strings and map keys {"avro.java.string": "String"} (stringType String)
            String generated = SpecificData.get().getSchema(c).toString()
                    .replace(",\"avro.java.string\":\"String\"", "")
                    .replace("{\"type\":\"string\"}", "\"string\"");
            assertEquals(s.toString(), generated, s.getFullName() + " is stale: rebuild");
        }
    }

    @Test
    void everyTopicValueHasASchemaFile() {
        Set<String> files = parseAll().values().stream().map(Schema::getFullName).collect(Collectors.toSet());
        for (TopicSpec t : Topics.ALL) {
            assertTrue(files.contains(t.valueSchema().getFullName()), t.name());
            assertSame(Schema.Type.RECORD, t.valueSchema().getType(), t.name());
        }
    }

    @Test
    void metricNamesAreExactlyEvaluationsDoubleFields() {
        List<String> doubles = Evaluation.getClassSchema().getFields().stream()
                .filter(f -> f.schema().getType() == Schema.Type.DOUBLE || (f.schema().getType() == Schema.Type.UNION
                        && f.schema().getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.DOUBLE)))
                .map(Schema.Field::name).toList();
        assertEquals(MetricNames.ALL, doubles);
    }

    @Test
    void timestampsAreTimestampMillis() {
        for (Schema s : records()) {
            for (Schema.Field f : s.getFields()) {
                if (f.name().endsWith("At")) {
                    assertNotNull(f.schema().getLogicalType(), s.getName() + "." + f.name());
                    assertEquals("timestamp-millis", f.schema().getLogicalType().getName(), s.getName() + "." + f.name());
                }
            }
        }
    }

    /** Every named type (records and enums), including those defined inline in a field. */
    static List<Schema> named() {
        Map<String, Schema> seen = new LinkedHashMap<>();
        parseAll().values().forEach(s -> collect(s, seen));
        return List.copyOf(seen.values());
    }

    static List<Schema> records() {
        return named().stream().filter(s -> s.getType() == Schema.Type.RECORD).toList();
    }

    private static void collect(Schema s, Map<String, Schema> seen) {
        switch (s.getType()) {
            case RECORD -> {
                if (seen.putIfAbsent(s.getFullName(), s) == null) {
                    s.getFields().forEach(f -> collect(f.schema(), seen));
                }
            }
            case ENUM, FIXED -> seen.putIfAbsent(s.getFullName(), s);
            case UNION -> s.getTypes().forEach(t -> collect(t, seen));
            case ARRAY -> collect(s.getElementType(), seen);
            case MAP -> collect(s.getValueType(), seen);
            default -> { }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Test
    void helperSeesInlineEnums() {
        Set<String> names = named().stream().map(Schema::getName).collect(Collectors.toSet());
        for (String n : List.of("PredictorModel", "ScoreEncoding", "EvaluationStatus", "LossKind")) {
            if (!names.contains(n)) {
                fail("enum " + n + " not found");
            }
        }
        assertFalse(names.isEmpty());
    }
}
