package org.lossforge.generator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The API key of {@code lossforge.auth.mode=api-key}, plain Java. Only a SHA-256 digest of the configured key is kept;
 * a presented key is digested the same way and compared with {@link MessageDigest#isEqual} (time independent of where
 * the bytes differ, and of the presented key's length, since both digests are 32 bytes). A key shorter than
 * {@value #MIN_LENGTH} characters counts as not configured: the service then refuses every write (fails closed).
 */
public final class ApiKeys {

    public static final int MIN_LENGTH = 16;
    public static final String HEADER = "X-API-Key";

    private final byte[] digest;
    private final String problem;

    private ApiKeys(byte[] digest, String problem) {
        this.digest = digest;
        this.problem = problem;
    }

    /** From the configured value ({@code lossforge.auth.api-key}, env {@code LOSSFORGE_API_KEY}); blank = none. */
    public static ApiKeys of(Optional<String> configured) {
        String key = configured.map(String::strip).orElse("");
        if (key.isEmpty()) {
            return new ApiKeys(null, "no API key is configured (lossforge.auth.api-key, env LOSSFORGE_API_KEY)");
        }
        if (key.length() < MIN_LENGTH) {
            return new ApiKeys(null, "the configured API key has " + key.length() + " characters, fewer than "
                    + MIN_LENGTH + " (use e.g. `openssl rand -hex 32`)");
        }
        return new ApiKeys(sha256(key), null);
    }

    public boolean configured() {
        return digest != null;
    }

    /** Why no key is usable, or null when one is. */
    public String problem() {
        return problem;
    }

    /** True when a key is configured and {@code presented} is it; constant time. */
    public boolean matches(String presented) {
        return digest != null && presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /**
     * The key a request presents: {@code X-API-Key: <key>}, else {@code Authorization: Bearer <key>} (scheme case
     * insensitive); empty when neither header carries one.
     */
    public static Optional<String> presented(String authorization, String apiKeyHeader) {
        if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            return Optional.of(apiKeyHeader.strip());
        }
        if (authorization != null) {
            String a = authorization.strip();
            if (a.length() > 7 && a.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                String token = a.substring(7).strip();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
        }
        return Optional.empty();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
