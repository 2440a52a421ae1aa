package org.lossforge.generator.auth;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The API-key credential of {@code lossforge.auth.mode=api-key}: {@code X-API-Key: <key>} or {@code Authorization:
 * Bearer <key>}, checked by {@link ApiKeyIdentityProvider}. It runs before quarkus-oidc's mechanism (priority 2000 >
 * 1001), so in api-key mode a bearer credential is always the API key; in oidc mode it steps aside and the bearer
 * token goes to quarkus-oidc. The authorization rule is the same in both modes: {@code @Authenticated} on the writes.
 */
@Singleton
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    public static final String CHALLENGE = "Bearer realm=\"lossforge\"";

    @Inject
    AuthSettings settings;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (settings.mode() != AuthSettings.Mode.API_KEY) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> key = ApiKeys.presented(context.request().getHeader("Authorization"),
                context.request().getHeader(ApiKeys.HEADER));
        if (key.isEmpty()) {
            return Uni.createFrom().nullItem();   // anonymous: @Authenticated answers 401
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key.get()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public int getPriority() {
        return 2000;
    }
}
