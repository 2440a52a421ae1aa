import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.lossforge.k8s.Kustomize;
import org.lossforge.k8s.StrimziAcls;

/**
 * The users and ACLs of `infra/stack start --secure`: for every KafkaUser of a rendered Kustomize overlay (default
 * k8s/overlays/dev), a SCRAM-SHA-512 user and exactly the ACLs Strimzi's User Operator would create from it
 * ({@link StrimziAcls}, as services/e2e's KafkaAclsTest and SecuredPlatformTest do), and a client settings file per
 * user ({@code <user>.properties}: SASL_SSL, SCRAM-SHA-512, its JAAS line, the stack's CA as a PEM truststore), e.g.
 * for {@code ./lossforge inject --kafka-config <dir>/lossforge-client.properties}. Run as a single-file program:
 * {@code java -cp <broker classpath>:k8s/target/classes infra/kafka/Security.java <admin.properties> <overlay> <dir>
 * <ca.crt>}.
 *
 * <p>Idempotent: a user's password is generated once and kept in {@code <dir>/<user>.password} (mode 600), its
 * credential upserted, its ACLs created (Kafka ignores a binding that exists). Checks at the end that
 * {@code lossforge-client} logs in with its file (bounded wait: credentials reach the broker through the metadata log).
 * Exit 0 when done, 1 on an error.
 */
public class Security {

    static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: Security <admin.properties> <overlay dir> <output dir> <ca.crt>");
            System.exit(2);
        }
        Properties admin = load(Path.of(args[0]));
        Path overlay = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Path caPem = Path.of(args[3]);
        Files.createDirectories(out);
        List<ObjectNode> users = Kustomize.build(overlay).stream()
                .filter(o -> "KafkaUser".equals(o.path("kind").asText())).toList();
        if (users.isEmpty()) {
            System.err.println("security: no KafkaUser in " + overlay);
            System.exit(1);
        }
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        Path clientFile = null;
        try (Admin a = Admin.create(admin)) {
            for (ObjectNode user : users) {
                String name = user.path("metadata").path("name").asText();
                String password = password(out.resolve(name + ".password"));
                a.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
                List<AclBinding> acls = StrimziAcls.of(user);
                a.createAcls(acls).all().get(30, TimeUnit.SECONDS);
                Path file = out.resolve(name + ".properties");
                Properties client = new Properties();
                client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, admin.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
                client.put("security.protocol", "SASL_SSL");
                client.put("sasl.mechanism", "SCRAM-SHA-512");
                client.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + name + "\" password=\"" + password + "\";");
                client.put("ssl.truststore.type", "PEM");
                client.put("ssl.truststore.location", caPem.toAbsolutePath().toString());
                writePrivate(file, client, "Kafka client settings of " + name + " (infra/stack --secure): SASL_SSL, SCRAM-SHA-512");
                System.out.printf("user %-32s %2d ACLs  %s%n", name, acls.size(), file);
                if (name.equals("lossforge-client")) {
                    clientFile = file;
                }
            }
        } catch (ExecutionException e) {
            System.err.println("security: " + e.getCause());
            System.exit(1);
        }
        if (clientFile != null) {
            awaitLogin(load(clientFile));
            System.out.println("lossforge-client logs in with " + clientFile);
        }
        System.exit(0);
    }

    /** The password kept in {@code file}, or a new random one written there (mode 600). */
    static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n");
        return password;
    }

    static void writePrivate(Path file, Properties p, String comment) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (var w = Files.newBufferedWriter(file)) {
            p.store(w, comment);
        }
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    /** Logs in (describeCluster needs no ACL) until it works, at most 30 s. */
    static void awaitLogin(Properties client) throws InterruptedException {
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Admin a = Admin.create(client)) {
                a.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    System.err.println("security: lossforge-client cannot log in after 30 s: " + e);
                    System.exit(1);
                }
            }
            Thread.sleep(250);
        }
    }
}
