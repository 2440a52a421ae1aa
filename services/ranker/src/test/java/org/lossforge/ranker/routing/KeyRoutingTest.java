package org.lossforge.ranker.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lossforge.ranker.routing.KeyRouting.Attempt;
import org.lossforge.ranker.routing.KeyRouting.Host;
import org.lossforge.ranker.routing.KeyRouting.NoHostAnswered;
import org.lossforge.ranker.routing.KeyRouting.Reply;
import org.lossforge.ranker.routing.KeyRouting.Routed;

/** The routing decision of an aggregate-store query, without Kafka: the plan, then the walk along it. */
class KeyRoutingTest {

    static final Host A = new Host("ranker-0.ranker", 8080), B = new Host("ranker-1.ranker", 8080),
            C = new Host("ranker-2.ranker", 8080);

    static Attempt local(Host h, boolean stale) {
        return new Attempt(h, true, stale);
    }

    static Attempt remote(Host h, boolean stale) {
        return new Attempt(h, false, stale);
    }

    // ---------------------------------------------------------------- plan

    @Test
    void activeHereIsReadLocallyThenLocallyStaleThenTheStandby() {
        assertEquals(List.of(local(A, false), local(A, true), remote(B, true)), KeyRouting.plan(A, A, Set.of(B)));
        assertEquals(List.of(local(A, false), local(A, true)), KeyRouting.plan(A, A, Set.of()));
    }

    @Test
    void activeElsewhereIsForwardedThenTheLocalStandbyThenTheActiveStale() {
        assertEquals(List.of(remote(B, false), local(A, true), remote(B, true)), KeyRouting.plan(A, B, Set.of(A)));
    }

    @Test
    void activeAndStandbyBothElsewhere() {
        assertEquals(List.of(remote(B, false), remote(C, true), remote(B, true)), KeyRouting.plan(A, B, Set.of(C)));
        assertEquals(List.of(remote(B, false), remote(B, true)), KeyRouting.plan(A, B, Set.of()));
    }

    @Test
    void remoteStandbysComeInHostPortOrder() {
        Host c2 = new Host("ranker-2.ranker", 8081);
        assertEquals(List.of(remote(A, false), local(B, true), remote(C, true), remote(c2, true), remote(A, true)),
                KeyRouting.plan(B, A, Set.of(c2, B, C)));
    }

    @Test
    void noActiveHostLeavesTheStandbysOnly() {
        assertEquals(List.of(local(A, true), remote(B, true)), KeyRouting.plan(A, null, Set.of(A, B)));
        assertEquals(List.of(remote(B, true)), KeyRouting.plan(A, null, Set.of(B)));
        assertEquals(List.of(), KeyRouting.plan(A, null, Set.of()), "nothing known: nothing to ask");
    }

    @Test
    void hostsParseAsTheyPrint() {
        assertEquals(new Host("127.0.0.1", 8081), Host.parse("127.0.0.1:8081"));
        assertEquals(new Host("127.0.0.1", 0), Host.parse("127.0.0.1:0"), "a random HTTP port: only itself");
        assertEquals("ranker-0.ranker.lossforge.svc:8080", Host.parse("ranker-0.ranker.lossforge.svc:8080").toString());
        for (String bad : new String[] {"", "host", ":80", "host:", "host:x", "host:-1", "host:70000"}) {
            assertThrows(IllegalArgumentException.class, () -> Host.parse(bad), bad);
        }
    }

    // ---------------------------------------------------------------- route

    /** Replies by attempt, and records the attempts asked. */
    static final class Hosts {
        final Map<Attempt, Reply<String>> replies = new HashMap<>();
        final List<Attempt> asked = new ArrayList<>();

        Hosts reply(Attempt a, Reply<String> r) {
            replies.put(a, r);
            return this;
        }

        Reply<String> ask(Attempt a) {
            asked.add(a);
            return replies.getOrDefault(a, Reply.notHosted("no such task"));
        }
    }

    @Test
    void theActiveHostsAnswerWins() {
        Hosts hosts = new Hosts().reply(remote(B, false), Reply.found("from B"));
        Routed<String> r = KeyRouting.route(KeyRouting.plan(A, B, Set.of(A)), hosts::ask);
        assertEquals("from B", r.value());
        assertEquals(remote(B, false), r.by());
        assertFalse(r.by().stale());
        assertEquals(List.of(remote(B, false)), hosts.asked, "nothing asked after the answer");
        assertEquals(List.of(), r.tried());
    }

    @Test
    void aDeadActiveHostFallsBackToTheLocalStandbyMarkedStaleAndIsNotAskedAgain() {
        Hosts hosts = new Hosts().reply(remote(B, false), Reply.unreachable("Connection refused"))
                .reply(local(A, true), Reply.notHosted("standby not created yet"))
                .reply(remote(C, true), Reply.unreachable("timed out"));
        // plan: B fresh, A local stale, C stale, B stale; B is unreachable, so its stale attempt is skipped
        NoHostAnswered none = assertThrows(NoHostAnswered.class,
                () -> KeyRouting.route(KeyRouting.plan(A, B, Set.of(A, C)), hosts::ask));
        assertEquals(List.of(remote(B, false), local(A, true), remote(C, true)), hosts.asked);
        assertEquals(3, none.tried().size());
        assertTrue(none.getMessage().contains("Connection refused"), none.getMessage());

        hosts.reply(local(A, true), Reply.found("standby on A"));
        hosts.asked.clear();
        Routed<String> r = KeyRouting.route(KeyRouting.plan(A, B, Set.of(A, C)), hosts::ask);
        assertEquals("standby on A", r.value());
        assertEquals(local(A, true), r.by());
        assertTrue(r.by().stale());
        assertEquals(1, r.tried().size(), r.tried().toString());
    }

    @Test
    void aRebalancingActiveHostIsAskedAgainAllowingStale() {
        // B answers but its task is not RUNNING (rebalance): 503 for a fresh read, an answer for a stale one
        Hosts hosts = new Hosts().reply(remote(B, false), Reply.notHosted("HTTP 503"))
                .reply(remote(B, true), Reply.found("B, restoring"));
        Routed<String> r = KeyRouting.route(KeyRouting.plan(A, B, Set.of()), hosts::ask);
        assertEquals(remote(B, true), r.by());
        assertEquals("B, restoring", r.value());
    }

    @Test
    void absentIsAnAnswerNotAFailure() {
        Hosts hosts = new Hosts().reply(local(A, false), Reply.absent()).reply(remote(B, true), Reply.found("never"));
        Routed<String> r = KeyRouting.route(KeyRouting.plan(A, A, Set.of(B)), hosts::ask);
        assertFalse(r.found());
        assertNull(r.value());
        assertEquals(local(A, false), r.by());
        assertEquals(List.of(local(A, false)), hosts.asked);
    }

    @Test
    void nothingToAskIsUnavailable() {
        NoHostAnswered none = assertThrows(NoHostAnswered.class,
                () -> KeyRouting.route(KeyRouting.plan(A, null, Set.of()), new Hosts()::ask));
        assertEquals(List.of(), none.tried());
    }

    @Test
    void aValueComesWithFoundOnly() {
        assertThrows(IllegalArgumentException.class, () -> new Reply<>(KeyRouting.Status.ABSENT, "x", null));
        assertThrows(IllegalArgumentException.class, () -> new Reply<String>(KeyRouting.Status.FOUND, null, null));
    }
}
