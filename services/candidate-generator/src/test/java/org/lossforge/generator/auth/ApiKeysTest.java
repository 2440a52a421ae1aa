package org.lossforge.generator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The API key rules: fail closed without a usable key, exact match only, where a request may carry it. */
class ApiKeysTest {

    static final String KEY = "0123456789abcdef0123";

    @Test
    void noKeyOrAShortKeyIsNotConfiguredAndRefusesEveryKey() {
        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("   "))) {
            ApiKeys keys = ApiKeys.of(none);
            assertFalse(keys.configured());
            assertTrue(keys.problem().startsWith("no API key is configured"), keys.problem());
            assertFalse(keys.matches(""));
            assertFalse(keys.matches(KEY));
        }
        ApiKeys shortKey = ApiKeys.of(Optional.of("secret"));
        assertFalse(shortKey.configured());
        assertTrue(shortKey.problem().contains("6 characters, fewer than 16"), shortKey.problem());
        assertFalse(shortKey.matches("secret"), "a refused key is not accepted either");
    }

    @Test
    void onlyTheExactKeyMatches() {
        ApiKeys keys = ApiKeys.of(Optional.of(" " + KEY + "\n"));   // as a Secret or a file may give it
        assertTrue(keys.configured());
        assertNull(keys.problem());
        assertTrue(keys.matches(KEY));
        assertFalse(keys.matches(KEY + "4"));
        assertFalse(keys.matches(KEY.substring(1)));
        assertFalse(keys.matches(KEY.toUpperCase(java.util.Locale.ROOT)));
        assertFalse(keys.matches(""));
        assertFalse(keys.matches(null));
    }

    @Test
    void theKeyComesFromXApiKeyOrABearerAuthorization() {
        assertEquals(Optional.of("k1"), ApiKeys.presented(null, "k1"));
        assertEquals(Optional.of("k1"), ApiKeys.presented("Bearer other", " k1 "), "X-API-Key first");
        assertEquals(Optional.of("k2"), ApiKeys.presented("Bearer k2", null));
        assertEquals(Optional.of("k2"), ApiKeys.presented("bearer   k2 ", ""));
        assertEquals(Optional.empty(), ApiKeys.presented("Basic dXNlcjpwdw==", null));
        assertEquals(Optional.empty(), ApiKeys.presented("Bearer ", null));
        assertEquals(Optional.empty(), ApiKeys.presented("Bearer", null));
        assertEquals(Optional.empty(), ApiKeys.presented(null, "  "));
        assertEquals(Optional.empty(), ApiKeys.presented(null, null));
    }

    @Test
    void theModeIsApiKeyOrOidcAndNothingElse() {
        assertEquals(AuthSettings.Mode.API_KEY, AuthSettings.parse("api-key"));
        assertEquals(AuthSettings.Mode.OIDC, AuthSettings.parse(" OIDC "));
        assertThrows(IllegalStateException.class, () -> AuthSettings.parse("none"));
        assertThrows(IllegalStateException.class, () -> AuthSettings.parse(""));
    }
}
