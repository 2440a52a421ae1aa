import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics listed in a file on a broker; run by `infra/stack topics` as a single-file program:
 * {@code java -cp <broker classpath> infra/kafka/Topics.java <bootstrap> <topics file> [<admin client properties>]}
 * (the third argument: the secure stack's {@code secure/admin.properties}, SASL_SSL as the super user).
 *
 * <p>File format, one topic a line, blank lines and {@code #} comments ignored:
 * {@code name partitions cleanup.policy retention.ms max.message.bytes} (replication factor is always 1 locally).
 * Missing topics are created; existing ones are compared and differences reported (never altered or deleted).
 * Exit code 0 when every topic exists as specified, 1 on a difference or error, 2 on a bad file.
 */
public class Topics {

    record Spec(String name, int partitions, Map<String, String> configs, int line) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: Topics <bootstrap> <topics file> [<admin client properties>]");
            System.exit(2);
        }
        List<Spec> specs = parse(Path.of(args[1]));
        Properties p = new Properties();
        if (args.length == 3) {   // the secure stack's admin settings (SASL_SSL, the super user)
            try (var r = Files.newBufferedReader(Path.of(args[2]))) {
                p.load(r);
            }
        }
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        int problems = 0;
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (Spec s : specs) {
                if (!existing.contains(s.name())) {
                    try {
                        admin.createTopics(List.of(new NewTopic(s.name(), s.partitions(), (short) 1).configs(s.configs())))
                                .all().get(30, TimeUnit.SECONDS);
                        System.out.printf("created  %-40s partitions=%d %s%n", s.name(), s.partitions(), s.configs());
                        continue;
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            System.out.printf("FAILED   %-40s %s%n", s.name(), e.getCause());
                            problems++;
                            continue;
                        }
                    }
                }
                problems += compare(admin, s);
            }
        }
        System.exit(problems == 0 ? 0 : 1);
    }

    static int compare(Admin admin, Spec s) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(s.name())).allTopicNames().get(30, TimeUnit.SECONDS).get(s.name());
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, s.name());
        Config c = admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r);
        List<String> diffs = new ArrayList<>();
        if (d.partitions().size() != s.partitions()) {
            diffs.add("partitions " + d.partitions().size() + " (file says " + s.partitions() + ")");
        }
        for (var e : s.configs().entrySet()) {
            String actual = c.get(e.getKey()) == null ? null : c.get(e.getKey()).value();
            if (!e.getValue().equals(actual)) {
                diffs.add(e.getKey() + "=" + actual + " (file says " + e.getValue() + ")");
            }
        }
        System.out.printf("%s %-40s %s%n", diffs.isEmpty() ? "exists  " : "DIFFERS ", s.name(),
                diffs.isEmpty() ? "as specified" : String.join(", ", diffs) + "; not changed");
        return diffs.isEmpty() ? 0 : 1;
    }

    static List<Spec> parse(Path file) throws Exception {
        List<Spec> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            String where = file + ":" + (i + 1) + ": ";
            if (f.length != 5) {
                fail(where + "expected 5 fields (name partitions cleanup.policy retention.ms max.message.bytes), got " + f.length);
            }
            if (!f[0].matches("[a-zA-Z0-9._-]{1,249}")) {
                fail(where + "bad topic name '" + f[0] + "'");
            }
            int partitions = positive(f[1], where + "partitions");
            if (!Set.of("delete", "compact", "compact,delete", "delete,compact").contains(f[2])) {
                fail(where + "cleanup.policy must be delete, compact or compact,delete: '" + f[2] + "'");
            }
            if (!f[3].matches("-1|\\d+")) {
                fail(where + "retention.ms must be -1 or a non-negative integer: '" + f[3] + "'");
            }
            positive(f[4], where + "max.message.bytes");
            Map<String, String> cfg = new LinkedHashMap<>();
            cfg.put("cleanup.policy", f[2]);
            cfg.put("retention.ms", f[3]);
            cfg.put("max.message.bytes", f[4]);
            out.add(new Spec(f[0], partitions, cfg, i + 1));
        }
        if (out.isEmpty()) {
            fail(file + ": no topics");
        }
        return out;
    }

    static int positive(String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail(what + " must be a positive integer: '" + s + "'");
        return 0;
    }

    static void fail(String message) {
        System.err.println("topics: " + message);
        System.exit(2);
    }
}
