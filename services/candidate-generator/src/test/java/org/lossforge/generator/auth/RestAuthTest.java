package org.lossforge.generator.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lossforge.services.testing.KafkaAndRegistryResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The REST write endpoints in the default mode, {@code api-key} (the %test profile's key), over the real broker and
 * registry: no key or a wrong key is a JSON 401 with {@code WWW-Authenticate}; the key as {@code X-API-Key} or as a
 * bearer token is accepted; reads stay open; a body over 256 KiB is a 413; malformed, mistyped or incomplete bodies
 * are a 400 with the reason, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndRegistryResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mp.messaging.incoming.studies-in.group.id", value = "lossforge-generator-auth-{unique}"),
        @ResourceArg(name = "mp.messaging.incoming.loss-candidates-in.group.id", value = "lossforge-generator-auth-{unique}")})
class RestAuthTest {

    static final String KEY = "test-api-key-0123456789abcdef";
    /** Every write endpoint, with a body it would accept (the candidates' studies and runs are unknown: 404). */
    static final Map<String, String> WRITES = new LinkedHashMap<>();

    static {
        WRITES.put("/studies", "{\"studyId\":\"auth-x\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],"
                + "\"losses\":[\"mse\"],\"trainSizes\":[20],\"seeds\":1}");
        WRITES.put("/studies/auth-none/candidates", "{\"candidateId\":\"c\",\"spec\":\"lr\"}");
        WRITES.put("/searches", "{\"searchId\":\"auth-s\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"methods\":[\"hr\"]}");
        WRITES.put("/nlfs-runs", "{\"runId\":\"auth-r\",\"settings\":{\"preset\":\"tiny\"}}");
        WRITES.put("/nlfs-runs/auth-none/candidates", "{\"candidateId\":\"c\",\"expression\":\"y * yhat\"}");
    }

    @Test
    void everyWriteWithoutAKeyIsA401WithAChallengeAndNothingIsPublished() {
        for (Map.Entry<String, String> w : WRITES.entrySet()) {
            given().contentType("application/json").body(w.getValue()).when().post(w.getKey())
                    .then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"lossforge\"")
                    .contentType("application/json")
                    .body("error", equalTo("UNAUTHENTICATED: no credentials: send Authorization: Bearer <key> or X-API-Key: <key>"));
        }
        // a scheme other than Bearer carries no key: anonymous
        given().contentType("application/json").header("Authorization", "Basic dXNlcjpwdw==").body(WRITES.get("/studies"))
                .when().post("/studies").then().statusCode(401);
        // nothing was accepted: the study is unknown
        given().when().get("/studies/auth-x").then().statusCode(404);
    }

    @Test
    void aWrongKeyIsA401WithInvalidToken() {
        for (Map.Entry<String, String> w : WRITES.entrySet()) {
            for (String[] header : List.of(new String[] {"Authorization", "Bearer " + KEY + "x"},
                    new String[] {"X-API-Key", KEY.substring(1)}, new String[] {"Authorization", "Bearer wrong"})) {
                given().contentType("application/json").header(header[0], header[1]).body(w.getValue())
                        .when().post(w.getKey())
                        .then().statusCode(401)
                        .header("WWW-Authenticate", "Bearer realm=\"lossforge\", error=\"invalid_token\"")
                        .body("error", equalTo("UNAUTHENTICATED: wrong API key"));
            }
        }
    }

    @Test
    void theRightKeyAsXApiKeyOrBearerIsAcceptedAndReadsAreOpen() throws Exception {
        given().contentType("application/json").header("X-API-Key", KEY)
                .body("{\"studyId\":\"auth-ok\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],"
                        + "\"trainSizes\":[20],\"seeds\":2,\"baseSeed\":4}")
                .when().post("/studies").then().statusCode(202).body("studyId", equalTo("auth-ok"));
        // the read needs no credentials: it answers once the generator read the study back from Kafka
        long deadline = System.nanoTime() + 60_000_000_000L;
        int status;
        do {
            status = given().when().get("/studies/auth-ok").then().extract().statusCode();
            if (status == 404) {
                Thread.sleep(200);
            }
        } while (status == 404 && System.nanoTime() < deadline);
        assertEquals(200, status);
        given().when().get("/studies/auth-ok").then().statusCode(200).body("seeds", equalTo(2))
                .body("baseSeed", equalTo(4)).body("losses[0]", equalTo("mse"));
        given().contentType("application/json").header("Authorization", "Bearer " + KEY)
                .body("{\"candidateId\":\"auth-hr\",\"spec\":\"hr\"}")
                .when().post("/studies/auth-ok/candidates").then().statusCode(202).body("jobs", equalTo(2));
        given().when().get("/nlfs-runs/auth-none").then().statusCode(404).body("error", startsWith("UNKNOWN_STUDY"));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aBodyOver256KiBIsA413() {
        String big = "{\"studyId\":\"auth-big\",\"benchmark\":\"nb201\",\"requestedBy\":\"" + "x".repeat(300 * 1024) + "\"}";
        given().contentType("application/json").header("X-API-Key", KEY).body(big).when().post("/studies")
                .then().statusCode(413);
        // just under the limit is read (and refused for what it says, not for its size)
        String fits = "{\"studyId\":\"auth-fits\",\"benchmark\":\"nb201\",\"requestedBy\":\"" + "x".repeat(200 * 1024) + "\"}";
        given().contentType("application/json").header("X-API-Key", KEY).body(fits).when().post("/studies")
                .then().statusCode(400).body("error", startsWith("INVALID_STUDY"));
    }

    @Test
    void malformedJsonWrongTypesAndUnknownFieldsAreA400WithTheReason() {
        post("/studies", "{\"benchmark\": \"nb201\", \"datasets\": [").then().statusCode(400)
                .body("error", startsWith("MALFORMED_JSON: "));
        post("/studies", "{\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[\"twenty\"]}")
                .then().statusCode(400).body("error", startsWith("MALFORMED_JSON: ")).body("error", containsString("at 'trainSizes[0]'"));
        post("/studies", "{\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[20],\"seeds\":2.5}")
                .then().statusCode(400).body("error", containsString("at 'seeds'"));
        post("/studies", "{\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[20],\"seed\":3}")
                .then().statusCode(400).body("error", startsWith("MALFORMED_JSON: unknown field 'seed' (known: baseSeed, "));
        post("/studies", "{\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"]}").then().statusCode(400)
                .body("error", equalTo("INVALID_STUDY: benchmark, datasets, losses and trainSizes are required"));
        post("/nlfs-runs", "{\"seed\":3}").then().statusCode(400).body("error", startsWith("INVALID_NLFS_RUN"));
    }

    /** Bad bodies of every kind, to every write endpoint: a 4xx each time (never a 500), and never accepted. */
    @Test
    void noBadBodyIsEverA500() {
        List<String> bodies = new ArrayList<>(List.of("{", "not json", "[]", "[1,2]", "\"a string\"", "42", "null", "",
                "{}", "{\"x\":1}", "{\"studyId\":[]}", "{\"benchmark\":{}}", "{\"datasets\":\"cifar10\"}",
                "{\"seeds\":\"many\"}", "{\"seeds\":1e20}", "{\"seeds\":99999999999}", "{\"baseSeed\":1.5}",
                "[".repeat(3000), "{\"a\":".repeat(3000),
                "{\"benchmark\":\"nb201\",\"datasets\":[null],\"losses\":[\"mse\"],\"trainSizes\":[20]}",
                "{\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[null],\"trainSizes\":[null]}",
                "{\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[20],\"seeds\":0}",
                "{\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[20],\"params\":{\"hidden\":-1}}",
                "{\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[20],\"params\":[]}",
                "{\"studyId\":\"\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[20]}",
                "{\"studyId\":\"a/b\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],\"trainSizes\":[20]}",
                "{\"searchId\":\"s\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"methods\":[null]}",
                "{\"searchId\":\"s\",\"benchmark\":\"nb201\",\"datasets\":[null],\"methods\":[\"hr\"]}",
                "{\"searchId\":\"s\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"methods\":[\"hr\"],\"settings\":{\"budget\":null}}",
                "{\"searchId\":\"s\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"methods\":[\"hr\"],\"settings\":{\"budget\":[1]}}",
                "{\"searchId\":\"s\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"methods\":[\"hr\"],\"runs\":0}",
                "{\"runId\":\"r\",\"settings\":{\"cycles\":null}}", "{\"runId\":\"r\",\"seed\":\"x\"}",
                "{\"runId\":\"r\",\"settings\":{\"no_such_setting\":\"1\"}}", "{\"runId\":null}",
                "{\"candidateId\":\"c\",\"spec\":\"lr\",\"kind\":\"BOGUS\"}", "{\"candidateId\":null,\"spec\":\"lr\"}",
                "{\"candidateId\":\"c\",\"spec\":\" \"}", "{\"candidateId\":\"c\",\"expression\":\"\"}",
                "{\"candidateId\":\"c\",\"expression\":\"" + "(".repeat(5000) + "\"}"));
        Map<String, List<String>> bad = new LinkedHashMap<>();
        int tried = 0;
        for (String path : WRITES.keySet()) {
            for (String body : bodies) {
                Response r = post(path, body);
                tried++;
                String error = r.statusCode() == 400 && r.contentType().startsWith("application/json")
                        ? r.jsonPath().getString("error") : null;
                if (r.statusCode() < 400 || r.statusCode() >= 500 || r.statusCode() == 401
                        || (r.statusCode() == 400 && (error == null || error.isBlank()))) {
                    bad.computeIfAbsent(path, k -> new ArrayList<>()).add(r.statusCode() + " for "
                            + (body.length() > 80 ? body.substring(0, 80) + "..." : body) + ": " + r.body().asString());
                }
            }
        }
        assertTrue(bad.isEmpty(), "not a clean 4xx: " + bad);
        assertEquals(5 * 40, tried);
    }

    static Response post(String path, String body) {
        return given().contentType("application/json").header("Authorization", "Bearer " + KEY).body(body)
                .when().post(path).then().extract().response();
    }
}
