package org.lossforge.generator.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The API key a request presented, for {@link ApiKeyIdentityProvider} (its own type: OIDC's provider ignores it). */
public final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
