package org.lossforge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A tiny JSON-over-HTTP client for the services' REST APIs: every request of the e2e tests, benches and the bad-input
 * campaign goes through {@link #send}, so a header every call needs (e.g. an API key) is added in one place.
 */
public final class Rest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rest() {
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** A POST without credentials (the candidate-generator answers 401 to it: its writes need the API key). */
    public static Response postJson(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * POSTs {@code body} exactly as given (malformed or oversized on purpose) with {@code contentType}; the answer,
     * whatever its status. A server that closes the connection without answering (some do on a body over their limit)
     * is {@code status 0} with the error as the body. {@code apiKey}: sent as a bearer token unless null.
     */
    public static Response postRaw(String url, String contentType, byte[] body, String apiKey) {
        try {
            // HTTP/1.1: with the client's default (an h2c upgrade), a server refusing the body mid-upload leaves no answer.
            // Expect: 100-continue, as a careful client uploads a large body: the server answers 413 from the headers,
            // before the body is sent. Without it, a server that answers 413 and closes while the client still sends
            // can reset the connection before the client reads the answer (4 of 50 11 MiB bodies here).
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .version(HttpClient.Version.HTTP_1_1).expectContinue(true).header("Content-Type", contentType);
            if (apiKey != null) {
                r.header("Authorization", "Bearer " + apiKey);
            }
            return send(r.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        } catch (java.io.UncheckedIOException e) {
            return new Response(0, e.getMessage());
        }
    }

    /** A POST with {@code Authorization: Bearer <apiKey>}, as the candidate-generator's writes need. */
    public static Response postJson(String url, String body, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A fresh random API key (32 bytes, hex), e.g. for a candidate-generator started by a test. */
    public static String newApiKey() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
