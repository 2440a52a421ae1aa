package org.lossforge.ranker.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lossforge.ranker.routing.KeyRouting.Host;
import org.lossforge.ranker.routing.KeyRouting.Reply;
import org.lossforge.ranker.routing.KeyRouting.Status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What a forwarded query makes of a peer's answer, over real HTTP (a JDK server playing the peer's internal endpoint):
 * 200 is the answer, 404 naming its host is "absent", a bare 404 or a 503 is "not hosted", a closed port "unreachable".
 */
class PeerClientTest {

    static final ObjectMapper JSON = new ObjectMapper();

    HttpServer server;
    final AtomicReference<String> lastQuery = new AtomicReference<>();
    volatile int status;
    volatile String body;
    volatile boolean namesHost;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PeerClient.PATH, this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void handle(HttpExchange x) throws IOException {
        lastQuery.set(x.getRequestURI().getRawQuery());
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        if (namesHost) {
            x.getResponseHeaders().add(PeerClient.SERVED_BY, "127.0.0.1:" + server.getAddress().getPort());
        }
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    Host peer() {
        return new Host("127.0.0.1", server.getAddress().getPort());
    }

    static final String KEY = "s1/nb201/cifar10/50/hr:margin=0.1 & y/yhat";

    @Test
    void anAnswerIsReadBackWhole() throws Exception {
        ConfigurationDetail sent = new ConfigurationDetail(KEY, "s1", "nb201", "cifar10", 50, "hr:margin=0.1 & y/yhat", null,
                "test_accuracy", 1, 1, List.of(
                        new ConfigurationDetail.Trial(KEY + "/0", 0, "OK", "2026-11-23T10:00:00Z", Map.of("kendallTauB", 0.25)),
                        new ConfigurationDetail.Trial(KEY + "/1", 1, "FAILED", "2026-11-23T10:00:01Z",
                                new java.util.HashMap<>(java.util.Collections.singletonMap("kendallTauB", null)))),
                "127.0.0.1:1234", true);
        status = 200;
        body = JSON.writeValueAsString(sent);
        namesHost = true;
        Reply<ConfigurationDetail> r = new PeerClient(Duration.ofSeconds(3), JSON).ask(peer(), KEY, 7, true);
        assertEquals(Status.FOUND, r.status());
        assertEquals(sent, r.value());
        assertNull(r.value().trials().get(1).metrics().get("kendallTauB"));
        // the key travels URL-encoded, with the partition and the mode
        assertEquals("key=s1%2Fnb201%2Fcifar10%2F50%2Fhr%3Amargin%3D0.1%20%26%20y%2Fyhat&partition=7&stale=true", lastQuery.get());
    }

    @Test
    void aPeersOwn404IsAbsentButABare404IsNoAnswer() {
        status = 404;
        body = "{\"status\":404,\"message\":\"no aggregate\"}";
        namesHost = true;
        PeerClient client = new PeerClient(Duration.ofSeconds(3), JSON);
        assertEquals(Status.ABSENT, client.ask(peer(), KEY, 0, false).status());
        namesHost = false;   // e.g. an older instance without the internal endpoint
        assertEquals(Status.NOT_HOSTED, client.ask(peer(), KEY, 0, false).status());
    }

    @Test
    void a503IsNotHosted() {
        status = 503;
        body = "{\"status\":503,\"message\":\"partition 0 not hosted here\"}";
        namesHost = true;
        Reply<ConfigurationDetail> r = new PeerClient(Duration.ofSeconds(3), JSON).ask(peer(), KEY, 0, false);
        assertEquals(Status.NOT_HOSTED, r.status());
        assertTrue(r.detail().contains("503"), r.detail());
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Reply<ConfigurationDetail> r = new PeerClient(Duration.ofSeconds(3), JSON)
                .ask(new Host("127.0.0.1", closed), KEY, 0, false);
        assertEquals(Status.UNREACHABLE, r.status());
    }
}
