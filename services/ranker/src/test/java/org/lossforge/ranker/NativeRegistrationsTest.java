package org.lossforge.ranker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lossforge.services.testing.NativeRegistrationsContract;

/** What the native executable reaches by reflection is registered ({@link NativeRegistrations}). */
class NativeRegistrationsTest extends NativeRegistrationsContract {

    @Override
    protected Class<?> registrations() {
        return NativeRegistrations.class;
    }

    @Override
    protected String aClassTheConfigurationNames() {
        return "org.lossforge.ranker.streams.DeadLetterHandler";
    }

    @Test
    void everyJsonTypeOfTheRestApiIsRegistered() {
        Set<String> json = check().restTypes();
        assertTrue(json.contains("org.lossforge.ranker.rest.Leaderboard")
                && json.contains("org.lossforge.ranker.query.Ranking$Row")
                && json.contains("org.lossforge.ranker.rest.LeaderboardResource$Problem"), json.toString());
        assertEquals(Set.of(), check().missing(json));
    }
}
