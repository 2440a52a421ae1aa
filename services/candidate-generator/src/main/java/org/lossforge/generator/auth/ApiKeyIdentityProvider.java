package org.lossforge.generator.auth;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Checks a presented API key against the configured one ({@link ApiKeys}); no key configured = every key refused. */
@Singleton
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    /** The principal name of a request authenticated with the API key. */
    public static final String PRINCIPAL = "api-key";

    @Inject
    AuthSettings settings;

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        ApiKeys keys = settings.keys();
        if (!keys.configured()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(keys.problem()
                    + ": this service refuses every write"));
        }
        if (!keys.matches(request.key())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(PRINCIPAL))
                .build());
    }
}
