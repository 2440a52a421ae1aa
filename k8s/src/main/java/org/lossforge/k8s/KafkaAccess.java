package org.lossforge.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one Kafka principal needs, read from its configuration: the topics it reads and writes, the consumer groups it
 * joins, and, for Kafka Streams, its transactional ids and internal topics. {@link #acls()} turns that into the
 * minimal ACLs (the same rules as Strimzi's examples: Read+Describe to consume, Write+Describe to produce, Read on a
 * group), which {@link UserManifests} writes into the principal's {@code KafkaUser}.
 *
 * <p>For a Quarkus service ({@link #ofService}) the configuration is its {@code application.properties} (default
 * profile only):
 * <ul>
 * <li>every SmallRye Kafka channel: {@code mp.messaging.incoming.<c>.topic} (default: the channel name) is read with
 * its {@code group.id} (default: {@code quarkus.application.name}); a group id holding {@code ${quarkus.uuid}}
 * (a group unique to each start) becomes a prefix ACL on the part before it; {@code mp.messaging.outgoing.<c>.topic}
 * is written;</li>
 * <li>plain clients: {@code lossforge.kafka.plain.reads} and {@code .writes} (enforced by the services'
 * {@code PlainKafka}; consumers without a group);</li>
 * <li>Kafka Streams: {@code quarkus.kafka-streams.application-id} is the group, the prefix of its internal topics and,
 * with an exactly-once guarantee, of its transactional ids; {@code lossforge.kafka.streams.reads} and
 * {@code .writes} are its source and sink topics (checked against the topology by the ranker's KafkaAccessTest).</li>
 * </ul>
 */
public record KafkaAccess(String principal, SortedSet<String> reads, SortedSet<String> writes,
                          SortedSet<String> groups, SortedSet<String> groupPrefixes,
                          SortedSet<String> internalTopicPrefixes, SortedSet<String> transactionalIdPrefixes,
                          SortedSet<String> describedGroups, SortedSet<String> describedTopics,
                          SortedSet<String> describedConfigs, SortedMap<String, SortedSet<String>> groupTopics) {

    /** One ACL rule of a {@code KafkaUser} (Strimzi's {@code AclRule}, host {@code *}). */
    public record Acl(String type, String name, String patternType, SortedSet<String> operations)
            implements Comparable<Acl> {
        @Override
        public int compareTo(Acl o) {
            return (type + "\0" + patternType + "\0" + name).compareTo(o.type + "\0" + o.patternType + "\0" + o.name);
        }
    }

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");
    private static final String UUID_EXPRESSION = "${quarkus.uuid}";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{[^}]*}");

    /** Operations Kafka Streams needs on its internal (changelog, repartition) topics. */
    static final List<String> INTERNAL_TOPIC_OPERATIONS =
            List.of("Create", "Delete", "Describe", "DescribeConfigs", "Read", "Write");

    public static KafkaAccess ofService(String principal, Path applicationProperties) {
        return ofService(principal, load(applicationProperties));
    }

    public static KafkaAccess ofService(String principal, Properties p) {
        Builder b = new Builder(principal);
        String appName = p.getProperty("quarkus.application.name");
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            Matcher m = CHANNEL.matcher(key);
            if (!m.matches() || !"smallrye-kafka".equals(p.getProperty(key).trim())) {
                continue;
            }
            String direction = m.group(1), channel = m.group(2);
            String prefix = "mp.messaging." + direction + "." + channel + ".";
            String topic = p.getProperty(prefix + "topic", channel).trim();
            requireLiteral(topic, prefix + "topic");
            if (direction.equals("incoming")) {
                b.reads.add(topic);
                String group = p.getProperty(prefix + "group.id", appName);
                if (group == null) {
                    throw new IllegalArgumentException(prefix + "group.id is not set and there is no quarkus.application.name");
                }
                b.group(group.trim(), prefix + "group.id");
                if (!group.contains(UUID_EXPRESSION)) {
                    b.groupTopics.computeIfAbsent(group.trim(), g -> new TreeSet<>()).add(topic);
                }
            } else {
                b.writes.add(topic);
            }
        }
        b.reads.addAll(list(p, "lossforge.kafka.plain.reads"));
        b.writes.addAll(list(p, "lossforge.kafka.plain.writes"));
        String streams = p.getProperty("quarkus.kafka-streams.application-id");
        if (streams != null) {
            streams = streams.trim();
            requireLiteral(streams, "quarkus.kafka-streams.application-id");
            b.groups.add(streams);
            b.internalTopicPrefixes.add(streams + "-");
            String guarantee = p.getProperty("kafka-streams.processing.guarantee", "at_least_once").trim();
            if (guarantee.startsWith("exactly_once")) {
                b.transactionalIdPrefixes.add(streams + "-");
            }
            b.reads.addAll(list(p, "lossforge.kafka.streams.reads"));
            b.writes.addAll(list(p, "lossforge.kafka.streams.writes"));
        }
        return b.build();
    }

    /**
     * The schema registry (Apicurio Registry 3, KafkaSQL storage) from its properties: the journal and snapshot
     * topics ({@code apicurio.kafkasql.topic}, {@code .snapshots.topic}) are read and written, and their configuration
     * described (the registry verifies it at start); the consumer group is {@code apicurio.kafkasql.consumer.group.id}.
     */
    public static KafkaAccess ofRegistry(String principal, Properties p) {
        Builder b = new Builder(principal);
        for (String key : List.of("apicurio.kafkasql.topic", "apicurio.kafkasql.snapshots.topic")) {
            String topic = p.getProperty(key);
            if (topic == null) {
                throw new IllegalArgumentException(key + " is not set in the registry's properties");
            }
            requireLiteral(topic.trim(), key);
            b.reads.add(topic.trim());
            b.writes.add(topic.trim());
            b.describedConfigs.add(topic.trim());
        }
        String group = p.getProperty("apicurio.kafkasql.consumer.group.id");
        if (group == null) {
            throw new IllegalArgumentException("apicurio.kafkasql.consumer.group.id is not set in the registry's properties");
        }
        b.group(group.trim(), "apicurio.kafkasql.consumer.group.id");
        return b.build();
    }

    /** A lag reader (KEDA's Kafka scaler): describes the groups and their topics, reads nothing. */
    public static KafkaAccess lagReader(String principal, Map<String, ? extends Set<String>> groupTopics) {
        Builder b = new Builder(principal);
        groupTopics.forEach((g, ts) -> {
            b.describedGroups.add(g);
            b.describedTopics.addAll(ts);
        });
        return b.build();
    }

    /** A person's client: writes {@code writes}, reads {@code reads} with groups starting with {@code groupPrefix}. */
    public static KafkaAccess client(String principal, Set<String> reads, Set<String> writes, String groupPrefix) {
        Builder b = new Builder(principal);
        b.reads.addAll(reads);
        b.writes.addAll(writes);
        b.groupPrefixes.add(groupPrefix);
        return b.build();
    }

    /** The minimal ACL rules, one per resource, sorted. */
    public List<Acl> acls() {
        Map<String, SortedSet<String>> topicOps = new TreeMap<>();
        reads.forEach(t -> ops(topicOps, t).addAll(List.of("Describe", "Read")));
        writes.forEach(t -> ops(topicOps, t).addAll(List.of("Describe", "Write")));
        describedTopics.forEach(t -> ops(topicOps, t).add("Describe"));
        describedConfigs.forEach(t -> ops(topicOps, t).add("DescribeConfigs"));
        List<Acl> acls = new ArrayList<>();
        topicOps.forEach((t, ops) -> acls.add(new Acl("topic", t, "literal", ops)));
        internalTopicPrefixes.forEach(t -> acls.add(new Acl("topic", t, "prefix", new TreeSet<>(INTERNAL_TOPIC_OPERATIONS))));
        Map<String, SortedSet<String>> groupOps = new TreeMap<>();
        groups.forEach(g -> ops(groupOps, g).add("Read"));
        describedGroups.forEach(g -> ops(groupOps, g).add("Describe"));
        groupOps.forEach((g, ops) -> acls.add(new Acl("group", g, "literal", ops)));
        groupPrefixes.forEach(g -> acls.add(new Acl("group", g, "prefix", new TreeSet<>(List.of("Read")))));
        transactionalIdPrefixes.forEach(t -> acls.add(new Acl("transactionalId", t, "prefix",
                new TreeSet<>(List.of("Describe", "Write")))));
        acls.sort(null);
        return acls;
    }

    private static SortedSet<String> ops(Map<String, SortedSet<String>> m, String name) {
        return m.computeIfAbsent(name, k -> new TreeSet<>());
    }

    static List<String> list(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> items = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        items.forEach(i -> requireLiteral(i, key));
        return items;
    }

    private static void requireLiteral(String value, String key) {
        if (EXPRESSION.matcher(value).find()) {
            throw new IllegalArgumentException(key + " = " + value + ": an expression; the ACLs need the literal name");
        }
    }

    public static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        // the default profile only: %test., %dev. and %prod.-prefixed keys are other profiles' settings
        p.stringPropertyNames().stream().filter(k -> k.startsWith("%")).forEach(p::remove);
        return p;
    }

    private static final class Builder {
        final String principal;
        final SortedSet<String> reads = new TreeSet<>(), writes = new TreeSet<>(), groups = new TreeSet<>(),
                groupPrefixes = new TreeSet<>(), internalTopicPrefixes = new TreeSet<>(),
                transactionalIdPrefixes = new TreeSet<>(), describedGroups = new TreeSet<>(),
                describedTopics = new TreeSet<>(), describedConfigs = new TreeSet<>();
        final SortedMap<String, SortedSet<String>> groupTopics = new TreeMap<>();

        Builder(String principal) {
            this.principal = principal;
        }

        void group(String group, String key) {
            int uuid = group.indexOf(UUID_EXPRESSION);
            if (uuid >= 0) {
                if (uuid + UUID_EXPRESSION.length() != group.length() || uuid == 0) {
                    throw new IllegalArgumentException(key + " = " + group + ": ${quarkus.uuid} must end a group id with a fixed prefix");
                }
                String prefix = group.substring(0, uuid);
                requireLiteral(prefix, key);
                groupPrefixes.add(prefix);
            } else {
                requireLiteral(group, key);
                groups.add(group);
            }
        }

        KafkaAccess build() {
            return new KafkaAccess(principal, reads, writes, groups, groupPrefixes, internalTopicPrefixes,
                    transactionalIdPrefixes, describedGroups, describedTopics, describedConfigs, groupTopics);
        }
    }
}
