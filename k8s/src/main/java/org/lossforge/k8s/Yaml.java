package org.lossforge.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reading and writing Kubernetes YAML (multi-document streams) as Jackson trees. */
public final class Yaml {

    private Yaml() {
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A JSON mapper for the same trees (schema validation, model binding). */
    public static final ObjectMapper JSON = new ObjectMapper();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Every non-empty document of a YAML stream. */
    public static List<JsonNode> readAll(String text, String source) {
        List<JsonNode> docs = new ArrayList<>();
        // document by document (a reader's readValues would iterate the elements of a top-level list instead)
        try (JsonParser p = MAPPER.createParser(text)) {
            while (p.nextToken() != null) {
                JsonNode n = MAPPER.readTree(p);
                if (n != null && !n.isNull() && !n.isMissingNode() && !(n.isObject() && n.isEmpty())) {
                    docs.add(n);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    public static List<JsonNode> readAll(Path file) {
        try {
            return readAll(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One document. */
    public static JsonNode read(Path file) {
        List<JsonNode> docs = readAll(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    /** The documents as one YAML stream, separated by {@code ---}. */
    public static String write(List<? extends JsonNode> docs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < docs.size(); i++) {
            if (i > 0) {
                sb.append("---\n");
            }
            sb.append(write(docs.get(i)));
        }
        return sb.toString();
    }

    public static String write(JsonNode doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
