package org.lossforge.serde;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Client for the Confluent Schema Registry REST API (Avro only) over {@code java.net.http}.
 * Base URL: {@code http://host:8081} for Confluent, Karapace or Redpanda; {@code http://host:port/apis/ccompat/v7}
 * for Apicurio's compatibility API.
 *
 * <p>Thread safe. Caches what never changes in a registry: schema → id per subject (register/lookup) and
 * id → schema. Nothing else is cached ({@link #latest}, compatibility). Every request has a timeout; failures throw
 * {@link SchemaRegistryException} with the HTTP status and the registry's own error message.
 */
public final class SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final int RETRIES_ON_5XX = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<InFlight, CompletableFuture<Integer>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT);
    }

    public SchemaRegistryClient(String baseUrl, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String url = baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("schema registry URL must start with http:// or https://: " + baseUrl);
        }
        this.baseUrl = url;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** One client (and so one cache) per base URL and timeout in this JVM; what the serdes use. */
    public static SchemaRegistryClient shared(String baseUrl, Duration timeout) {
        return SHARED.computeIfAbsent(baseUrl + "|" + timeout.toMillis(), k -> new SchemaRegistryClient(baseUrl, timeout));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Number of HTTP requests sent so far (lets tests and metrics see the caches work). */
    public long requestCount() {
        return requests.get();
    }

    /**
     * Registers {@code schema} under {@code subject} (a no-op in the registry if it is already there) and returns its
     * global id. Cached per subject: registering the same schema again costs no request.
     * A registry that refuses it (compatibility rule) answers 409: see {@link SchemaRegistryException#isIncompatible()}.
     */
    public int register(String subject, Schema schema) {
        String path = "/subjects/" + encode(subject) + "/versions";
        try {
            return idFor(subject, schema, "POST", path);
        } catch (SchemaRegistryException e) {
            if (e.status() == 409 && e.registryMessage() != null && e.registryMessage().contains("already exists")) {
                // Apicurio 2.4.2: clients racing to register the first schema of a new subject both try to create
                // it; the loser gets 409 "An artifact with ID ... already exists". It exists now, so registering
                // again (idempotent) returns the id. An incompatible schema is a different 409 and is not retried.
                return idFor(subject, schema, "POST", path);
            }
            throw e;
        }
    }

    /** The id of {@code schema} if it is registered under {@code subject}; 404 otherwise. Cached like {@link #register}. */
    public int lookup(String subject, Schema schema) {
        return idFor(subject, schema, "POST", "/subjects/" + encode(subject));
    }

    /**
     * Cached, and single-flight: concurrent callers asking for the same (path, schema) share one HTTP request, so N
     * producer threads starting together send one registration, not N. (Apicurio 2.4.2 answers concurrent
     * registrations of new content with a 500 unique-constraint error; idempotent calls are also retried on 5xx.)
     */
    private int idFor(String subject, Schema schema, String method, String path) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        InFlight key = new InFlight(path, schema);
        CompletableFuture<Integer> mine = new CompletableFuture<>();
        CompletableFuture<Integer> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        try {
            Integer raced = cachedId(subject, schema);   // a flight that finished between our two looks
            if (raced != null) {
                mine.complete(raced);
                return raced;
            }
            JsonNode answer = send(method, path, schemaBody(schema));
            int id = requiredInt(answer, "id", method + " " + path);
            remember(subject, schema, id);
            mine.complete(id);
            return id;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private record InFlight(String path, Schema schema) {
    }

    /** The schema with this global id (cached: ids are immutable). */
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        JsonNode answer = send("GET", path, null);
        Schema schema = parse(requiredText(answer, "schema", "GET " + path), "GET " + path);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /** The latest version of {@code subject} (not cached: it changes when a new version is registered). */
    public RegisteredSchema latest(String subject) {
        String path = "/subjects/" + encode(subject) + "/versions/latest";
        JsonNode answer = send("GET", path, null);
        String where = "GET " + path;
        Schema schema = parse(requiredText(answer, "schema", where), where);
        int id = requiredInt(answer, "id", where);
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(answer.path("subject").asText(subject), id, requiredInt(answer, "version", where), schema);
    }

    /** Would {@code schema} be accepted as the next version of {@code subject} under its compatibility rule? */
    public boolean testCompatibility(String subject, Schema schema) {
        String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest";
        JsonNode answer = send("POST", path, schemaBody(schema));
        JsonNode v = answer.get("is_compatible");
        if (v == null || !v.isBoolean()) {
            throw new SchemaRegistryException("POST " + path, 200, -1, "answer has no boolean is_compatible: " + answer, null);
        }
        return v.booleanValue();
    }

    /** Sets the subject's compatibility level ({@code PUT /config/{subject}}); returns the level the registry reports. */
    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        JsonNode answer = send("PUT", "/config/" + encode(subject), body);
        String echoed = answer.path("compatibility").asText(answer.path("compatibilityLevel").asText(level.name()));
        return CompatibilityLevel.valueOf(echoed);
    }

    /** All subject names. */
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null);
        List<String> out = new ArrayList<>();
        answer.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static ObjectNode schemaBody(Schema schema) {
        // schemaType omitted: AVRO is the default in every Confluent-compatible registry
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    /**
     * Retries a 5xx, a timed-out or a refused request up to 5 times with jittered exponential back-off (about 100, 200, 400, 800, 1600 ms, each
     * × 0.5–1.5): every call this client makes is idempotent. The jitter matters: Apicurio 2.4.2 answers 500
     * (an H2 unique-key violation) to clients racing to register the same new content, and clients retrying in
     * lockstep keep colliding; under load the same registry sometimes stalls a request past the timeout, and a
     * new request then goes through.
     */
    private JsonNode send(String method, String path, JsonNode body) {
        for (int attempt = 0; ; attempt++) {
            try {
                return sendOnce(method, path, body);
            } catch (SchemaRegistryException e) {
                boolean transientError = e.status() >= 500 || e.status() == -1; // 5xx, timeout, connection refused
                if (!transientError || attempt >= RETRIES_ON_5XX) {
                    throw e;
                }
                try {
                    double jitter = 0.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble();
                    Thread.sleep((long) (100L * (1L << attempt) * jitter));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private JsonNode sendOnce(String method, String path, JsonNode body) {
        String what = method + " " + baseUrl + path;
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body == null) {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            rb.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        requests.incrementAndGet();
        try {
            response = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(what, -1, -1,
                    (e instanceof java.net.http.HttpTimeoutException ? "no answer within " + timeout.toMillis() + " ms: " : "")
                            + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(what, -1, -1, "interrupted", e);
        }
        String text = response.body() == null ? "" : response.body();
        JsonNode json;
        try {
            json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            json = null;
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            int code = json != null && json.has("error_code") ? json.get("error_code").asInt(-1) : -1;
            String message = json != null && json.hasNonNull("message") ? json.get("message").asText() : abbreviate(text);
            throw new SchemaRegistryException(what, status, code, message, null);
        }
        if (json == null) {
            throw new SchemaRegistryException(what, status, -1, "answer is not JSON: " + abbreviate(text), null);
        }
        return json;
    }

    private static Schema parse(String text, String where) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(where, 200, -1, "registry returned an unparsable Avro schema: " + e.getMessage(), e);
        }
    }

    private static int requiredInt(JsonNode json, String field, String where) {
        JsonNode v = json.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new SchemaRegistryException(where, 200, -1, "answer has no integer '" + field + "': " + abbreviate(json.toString()), null);
        }
        return v.intValue();
    }

    private static String requiredText(JsonNode json, String field, String where) {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual()) {
            throw new SchemaRegistryException(where, 200, -1, "answer has no string '" + field + "': " + abbreviate(json.toString()), null);
        }
        return v.asText();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    @Override
    public String toString() {
        return "SchemaRegistryClient[" + baseUrl + "]";
    }
}
