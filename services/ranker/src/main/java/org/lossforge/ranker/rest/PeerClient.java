package org.lossforge.ranker.rest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lossforge.ranker.routing.KeyRouting.Host;
import org.lossforge.ranker.routing.KeyRouting.Reply;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks another ranker instance for one key of its own aggregate store: {@code GET
 * http://<application.server>/internal/aggregates?key=&partition=&stale=}, which answers from local state only (so a
 * forwarded query is never forwarded again). 200 is the answer, 404 with the {@value #SERVED_BY} header an
 * authoritative "absent", any other status "not hosted there"; no answer within the timeout (or a refused connection) is "unreachable".
 */
@ApplicationScoped
public class PeerClient {

    static final String PATH = "/internal/aggregates";
    /** The header naming the instance ({@code application.server}) that read its own store for an answer. */
    public static final String SERVED_BY = "X-LossForge-Served-By";

    @ConfigProperty(name = "lossforge.ranker.forward-timeout", defaultValue = "3s")
    Duration timeout;

    @Inject
    ObjectMapper json;

    private HttpClient http;

    public PeerClient() {
    }

    /** For tests: a client with the given timeout and mapper, no CDI. */
    PeerClient(Duration timeout, ObjectMapper json) {
        this.timeout = timeout;
        this.json = json;
        init();
    }

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    static URI uri(Host host, String key, int partition, boolean stale) {
        // %20, not the form encoding's '+', for a space: unambiguous whatever the decoder (a '+' itself is %2B)
        String k = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create("http://" + host + PATH + "?key=" + k + "&partition=" + partition + "&stale=" + stale);
    }

    public Reply<ConfigurationDetail> ask(Host host, String key, int partition, boolean stale) {
        HttpRequest request = HttpRequest.newBuilder(uri(host, key, partition, stale)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Reply.unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.unreachable("interrupted");
        }
        return switch (r.statusCode()) {
            case 200 -> {
                try {
                    yield Reply.found(json.readValue(r.body(), ConfigurationDetail.class));
                } catch (IOException e) {
                    yield Reply.notHosted("unreadable answer: " + e.getMessage());
                }
            }
            // the internal endpoint's own 404 names its host; a bare 404 (no such path: an older peer) is no answer
            case 404 -> r.headers().firstValue(SERVED_BY).isPresent() ? Reply.absent() : Reply.notHosted("HTTP 404");
            default -> Reply.notHosted("HTTP " + r.statusCode());
        };
    }
}
