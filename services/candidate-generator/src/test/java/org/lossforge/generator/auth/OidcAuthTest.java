package org.lossforge.generator.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.security.PrivateKey;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.lossforge.services.testing.KafkaAndRegistryResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * {@code lossforge.auth.mode=oidc} ({@link OidcProfile}): a bearer JWT signed with the trusted key, from the configured
 * issuer and not expired, is accepted; an expired one, one from another issuer, one signed with another key, and the
 * API key are 401. With {@code lossforge.auth.protect-reads=true} a read needs the token too; health stays open.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
@QuarkusTestResource(value = KafkaAndRegistryResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mp.messaging.incoming.studies-in.group.id", value = "lossforge-generator-oidc-{unique}"),
        @ResourceArg(name = "mp.messaging.incoming.loss-candidates-in.group.id", value = "lossforge-generator-oidc-{unique}")})
class OidcAuthTest {

    static final String STUDY = "{\"studyId\":\"oidc-study\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],"
            + "\"losses\":[\"mse\"],\"trainSizes\":[20],\"seeds\":1}";

    static String token(String issuer, Instant expires, PrivateKey key) {
        return Jwt.issuer(issuer).subject("alice").issuedAt(expires.minusSeconds(900)).expiresAt(expires).sign(key);
    }

    static String valid() {
        return token(OidcProfile.ISSUER, Instant.now().plusSeconds(300), OidcProfile.signingKey());
    }

    @Test
    void aValidTokenIsAcceptedAndBadOnesAreA401() {
        PrivateKey trusted = OidcProfile.signingKey();
        Instant later = Instant.now().plusSeconds(300);
        for (String bad : new String[] {
                token(OidcProfile.ISSUER, Instant.now().minusSeconds(600), trusted),            // expired
                token("https://someone-else.test", later, trusted),                            // wrong issuer
                token(OidcProfile.ISSUER, later, OidcProfile.newPair().getPrivate()),           // wrong signature
                "test-api-key-0123456789abcdef"}) {                                             // not a JWT
            given().contentType("application/json").header("Authorization", "Bearer " + bad).body(STUDY)
                    .when().post("/studies")
                    .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                    .body("error", startsWith("UNAUTHENTICATED: the bearer token was not accepted"));
        }
        // the API key headers mean nothing in oidc mode: anonymous
        given().contentType("application/json").header("X-API-Key", "test-api-key-0123456789abcdef").body(STUDY)
                .when().post("/studies").then().statusCode(401)
                .body("error", startsWith("UNAUTHENTICATED: no credentials: send Authorization: Bearer <token>"));
        given().contentType("application/json").body(STUDY).when().post("/searches").then().statusCode(401);

        given().contentType("application/json").header("Authorization", "Bearer " + valid()).body(STUDY)
                .when().post("/studies").then().statusCode(202).body("studyId", equalTo("oidc-study"));
    }

    @Test
    void readsNeedTheTokenWhenProtectedAndHealthStaysOpen() {
        given().when().get("/studies/no-such-study").then().statusCode(401)
                .body("error", startsWith("UNAUTHENTICATED"));
        given().when().get("/nlfs-runs/no-such-run").then().statusCode(401);
        given().header("Authorization", "Bearer " + valid()).when().get("/studies/no-such-study")
                .then().statusCode(404).body("error", startsWith("UNKNOWN_STUDY"));
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
