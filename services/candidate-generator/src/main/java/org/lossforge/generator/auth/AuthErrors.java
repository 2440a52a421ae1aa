package org.lossforge.generator.auth;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 answers of the protected endpoints, as JSON {@code {"error": "UNAUTHENTICATED: <reason>"}} with
 * {@code WWW-Authenticate: Bearer realm="lossforge"} ({@code error="invalid_token"} when a credential was presented
 * and refused, RFC 6750). Authentication is not proactive ({@code quarkus.http.auth.proactive=false}), so it happens
 * here, in the REST layer, where these mappers see it. An OIDC refusal says no more than that (the reason is in the
 * service's debug log, not for the caller).
 */
public class AuthErrors {

    public static final String CODE = "UNAUTHENTICATED";

    @Inject
    AuthSettings settings;

    @ServerExceptionMapper
    public Response refused(AuthenticationFailedException e) {
        String reason = settings.mode() == AuthSettings.Mode.OIDC || e.getMessage() == null
                ? "the bearer token was not accepted (expired, wrong issuer or audience, or a bad signature)"
                : e.getMessage();
        return answer(reason, ApiKeyMechanism.CHALLENGE + ", error=\"invalid_token\"");
    }

    @ServerExceptionMapper
    public Response anonymous(UnauthorizedException e) {
        String reason;
        if (settings.mode() == AuthSettings.Mode.OIDC) {
            reason = "no credentials: send Authorization: Bearer <token> (an access token of the OIDC provider)";
        } else if (!settings.keys().configured()) {
            reason = settings.keys().problem() + ": this service refuses every write";
        } else {
            reason = "no credentials: send Authorization: Bearer <key> or " + ApiKeys.HEADER + ": <key>";
        }
        return answer(reason, ApiKeyMechanism.CHALLENGE);
    }

    private static Response answer(String reason, String challenge) {
        return Response.status(401).type(MediaType.APPLICATION_JSON).header("WWW-Authenticate", challenge)
                .entity(Map.of("error", CODE + ": " + reason)).build();
    }
}
