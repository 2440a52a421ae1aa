package org.lossforge.generator.auth;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * How the REST write endpoints authenticate (DESIGN.md "Security"): {@code lossforge.auth.mode} is {@code api-key}
 * (the default) or {@code oidc}. Checked at startup: an unknown mode, or {@code oidc} without quarkus-oidc's default
 * tenant enabled, stops the service; {@code api-key} without a usable key starts it with a warning, and every write
 * is then refused (401).
 */
@Singleton
public class AuthSettings {

    private static final Logger LOG = Logger.getLogger(AuthSettings.class);

    public enum Mode { API_KEY, OIDC }

    private final Mode mode;
    private final ApiKeys keys;
    private final boolean oidcTenantEnabled;
    private final boolean protectReads;

    @Inject
    public AuthSettings(@ConfigProperty(name = "lossforge.auth.mode", defaultValue = "api-key") String mode,
                        @ConfigProperty(name = "lossforge.auth.api-key") Optional<String> apiKey,
                        @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean oidcTenantEnabled,
                        @ConfigProperty(name = "lossforge.auth.protect-reads", defaultValue = "false") boolean protectReads) {
        this.mode = parse(mode);
        this.keys = ApiKeys.of(apiKey);
        this.oidcTenantEnabled = oidcTenantEnabled;
        this.protectReads = protectReads;
    }

    static Mode parse(String mode) {
        return switch (mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT)) {
            case "api-key" -> Mode.API_KEY;
            case "oidc" -> Mode.OIDC;
            default -> throw new IllegalStateException("lossforge.auth.mode must be api-key or oidc, not '" + mode + "'");
        };
    }

    public Mode mode() {
        return mode;
    }

    public ApiKeys keys() {
        return keys;
    }

    void check(@Observes StartupEvent start) {
        if (mode == Mode.OIDC && !oidcTenantEnabled) {
            throw new IllegalStateException("lossforge.auth.mode=oidc needs quarkus.oidc.tenant-enabled=true and "
                    + "quarkus.oidc.auth-server-url (or quarkus.oidc.public-key)");
        }
        if (mode == Mode.API_KEY && !keys.configured()) {
            LOG.warnf("REST writes are DISABLED: %s. Every POST (/studies, /searches, /nlfs-runs, candidates) is "
                    + "refused with 401 until a key of at least %d characters is set, or lossforge.auth.mode=oidc",
                    keys.problem(), ApiKeys.MIN_LENGTH);
        } else {
            LOG.infof("REST writes need authentication: %s; reads (GET) are %s", mode == Mode.OIDC
                    ? "OIDC bearer tokens" : "the API key (Authorization: Bearer <key> or X-API-Key)",
                    protectReads ? "protected too" : "open (lossforge.auth.protect-reads=false)");
        }
        if (mode == Mode.API_KEY && oidcTenantEnabled) {
            LOG.warn("quarkus.oidc.tenant-enabled=true has no effect in lossforge.auth.mode=api-key: bearer "
                    + "credentials are checked as the API key");
        }
    }
}
