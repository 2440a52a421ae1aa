package org.lossforge.ranker.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Where to read one key of a partitioned store when the ranker runs as several instances, and in what order. Plain
 * Java: no Kafka types, so the decision is tested by hand ({@code KeyRoutingTest}); {@code AggregateQueries} feeds it
 * Kafka Streams' {@code queryMetadataForKey} and carries the attempts out.
 *
 * <p>The {@linkplain #plan plan}, given this instance, the key's active host (or none) and its standby hosts:
 * <ol>
 *   <li>the active host, fresh (active stores only): locally when it is this instance, else forwarded;</li>
 *   <li>then, each possibly stale (stale stores enabled, so a standby, or an active store that is restoring or
 *       rebalancing, answers): this instance if it hosts the partition at all (active or standby), the remote standby
 *       hosts (in host:port order), and last the remote active host again.</li>
 * </ol>
 * {@linkplain #route Routing} asks the attempts in that order and keeps the first answer, found or absent. A host
 * that was reachable but does not host the partition (503) is passed over; a host that could not be reached is not
 * asked again within the same query. When no attempt answers, {@link NoHostAnswered} lists what was tried.
 */
public final class KeyRouting {

    private KeyRouting() {
    }

    /**
     * An instance as Kafka Streams names it: its {@code application.server}, the host:port of its HTTP API. Port 0
     * (an instance started on a random HTTP port) names a host peers cannot reach; it still recognises itself.
     */
    public record Host(String host, int port) {

        public Host {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("empty host");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("bad port " + port + " for host " + host);
            }
        }

        /** {@code host:port} (the last {@code :} separates the port). */
        public static Host parse(String hostPort) {
            int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
            }
            try {
                return new Host(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'", e);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * One way to read the key.
     *
     * @param host  the instance asked
     * @param local whether that is this instance (read its own store; never forwarded)
     * @param stale whether stale stores are allowed (a standby or a restoring active store may answer)
     */
    public record Attempt(Host host, boolean local, boolean stale) {

        @Override
        public String toString() {
            return (local ? "local " : "") + host + (stale ? " (stale allowed)" : " (active)");
        }
    }

    /** What one attempt gave. */
    public enum Status {
        /** the host holds the partition and the key */
        FOUND,
        /** the host holds the partition and the key is not in it: an answer (404), not a failure */
        ABSENT,
        /** the host answered but cannot serve the partition in the requested mode: ask the next */
        NOT_HOSTED,
        /** the host did not answer (refused, timed out, failed): ask the next, and not this host again */
        UNREACHABLE
    }

    /** The reply of one attempt; {@code value} is set for {@link Status#FOUND} only. */
    public record Reply<T>(Status status, T value, String detail) {

        public Reply {
            Objects.requireNonNull(status, "status");
            if ((status == Status.FOUND) != (value != null)) {
                throw new IllegalArgumentException("a value comes with FOUND and only with FOUND");
            }
        }

        public static <T> Reply<T> found(T value) {
            return new Reply<>(Status.FOUND, Objects.requireNonNull(value, "value"), null);
        }

        public static <T> Reply<T> absent() {
            return new Reply<>(Status.ABSENT, null, null);
        }

        public static <T> Reply<T> notHosted(String why) {
            return new Reply<>(Status.NOT_HOSTED, null, why);
        }

        public static <T> Reply<T> unreachable(String why) {
            return new Reply<>(Status.UNREACHABLE, null, why);
        }
    }

    /**
     * The answer: the attempt that gave it and the value, null when the key is absent.
     *
     * @param tried the attempts made before it that did not answer, with why (empty when the first one answered)
     */
    public record Routed<T>(Attempt by, T value, List<String> tried) {

        public boolean found() {
            return value != null;
        }
    }

    /** No attempt answered (or there was none to make): the caller answers 503. */
    public static final class NoHostAnswered extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final List<String> tried;

        public NoHostAnswered(List<String> tried) {
            super(tried.isEmpty() ? "no instance hosts the key's partition" : "no instance answered: " + String.join("; ", tried));
            this.tried = List.copyOf(tried);
        }

        public List<String> tried() {
            return tried;
        }
    }

    /**
     * @param self     this instance
     * @param active   the key's active host, or null when none is known (unassigned, or metadata not available)
     * @param standbys the key's standby hosts (may contain {@code self})
     * @return the attempts in order; empty when neither an active nor a standby host is known
     */
    public static List<Attempt> plan(Host self, Host active, Collection<Host> standbys) {
        Objects.requireNonNull(self, "self");
        List<Attempt> plan = new ArrayList<>();
        if (active != null) {
            plan.add(new Attempt(active, active.equals(self), false));
        }
        Set<Host> standbySet = new HashSet<>(standbys);
        if (self.equals(active) || standbySet.contains(self)) {
            plan.add(new Attempt(self, true, true));
        }
        standbySet.stream().filter(h -> !h.equals(self) && !h.equals(active))
                .sorted(Comparator.comparing(Host::host).thenComparingInt(Host::port))
                .forEach(h -> plan.add(new Attempt(h, false, true)));
        if (active != null && !active.equals(self)) {
            plan.add(new Attempt(active, false, true));
        }
        return List.copyOf(plan);
    }

    /**
     * Asks the attempts in order; the first {@link Status#FOUND} or {@link Status#ABSENT} is the answer.
     *
     * @throws NoHostAnswered when none answered
     */
    public static <T> Routed<T> route(List<Attempt> plan, Function<Attempt, Reply<T>> ask) {
        List<String> tried = new ArrayList<>();
        Set<Host> unreachable = new HashSet<>();
        for (Attempt a : plan) {
            if (unreachable.contains(a.host())) {
                continue;
            }
            Reply<T> r = ask.apply(a);
            switch (r.status()) {
                case FOUND, ABSENT -> {
                    return new Routed<>(a, r.value(), List.copyOf(tried));
                }
                case NOT_HOSTED -> tried.add(a + ": not hosted (" + r.detail() + ")");
                case UNREACHABLE -> {
                    unreachable.add(a.host());
                    tried.add(a + ": unreachable (" + r.detail() + ")");
                }
                default -> throw new IllegalStateException("unknown status " + r.status());
            }
        }
        throw new NoHostAnswered(tried);
    }
}
