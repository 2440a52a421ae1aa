package org.lossforge.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority made at test time, and a server certificate it signed for this machine's
 * loopback names ({@code localhost} and {@code 127.0.0.1} as subject alternative names), written as PKCS12 files into
 * a directory: {@link #keystore()} (the server's key and its chain, for the broker's listener),
 * {@link #truststore()} (the CA certificate only, for clients; one random password protects both) and
 * {@link #caPem()} (the same CA certificate as PEM, for clients configured as on the cluster:
 * {@code ssl.truststore.type=PEM} with Strimzi's {@code ca.crt}, no password).
 *
 * <p>Keys are EC P-256 (generated in milliseconds, unlike RSA), certificates SHA256withECDSA, valid from one hour
 * ago for one day. Nothing leaves the directory; a second {@code TestCa} is a different, unrelated CA (a client
 * trusting it does not trust the first one's server).
 */
public final class TestCa {

    /** The store type of both files. */
    public static final String STORE_TYPE = "PKCS12";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keystore;
    private final Path truststore;
    private final Path caPem;
    private final String password;
    private final X509Certificate caCertificate;

    private TestCa(Path keystore, Path truststore, Path caPem, String password, X509Certificate caCertificate) {
        this.keystore = keystore;
        this.truststore = truststore;
        this.caPem = caPem;
        this.password = password;
        this.caCertificate = caCertificate;
    }

    /**
     * Makes the CA and the server certificate and writes {@code server.p12}, {@code truststore.p12} and
     * {@code ca.crt} into {@code dir}.
     */
    public static TestCa create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair ca = ecKeyPair();
            KeyPair server = ecKeyPair();
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=LossForge test CA " + Long.toHexString(RANDOM.nextLong()));
            X509v3CertificateBuilder caCert = new JcaX509v3CertificateBuilder(caName, serial(), from(now), until(now),
                    caName, ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caX509 = sign(caCert, ca.getPrivate());

            X509v3CertificateBuilder serverCert = new JcaX509v3CertificateBuilder(caName, serial(), from(now), until(now),
                    new X500Name("CN=localhost"), server.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate serverX509 = sign(serverCert, ca.getPrivate());
            serverX509.verify(caX509.getPublicKey());   // the chain holds before anyone relies on it

            byte[] b = new byte[18];
            RANDOM.nextBytes(b);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            Path keystore = dir.resolve("server.p12");
            Path truststore = dir.resolve("truststore.p12");
            KeyStore ks = KeyStore.getInstance(STORE_TYPE);
            ks.load(null, null);
            ks.setKeyEntry("server", server.getPrivate(), password.toCharArray(), new Certificate[] {serverX509, caX509});
            write(ks, keystore, password);
            KeyStore ts = KeyStore.getInstance(STORE_TYPE);
            ts.load(null, null);
            ts.setCertificateEntry("ca", caX509);
            write(ts, truststore, password);
            Path caPem = dir.resolve("ca.crt");
            Files.writeString(caPem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(caX509.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            return new TestCa(keystore, truststore, caPem, password, caX509);
        } catch (IOException e) {
            throw new UncheckedIOException("TestCa: cannot write the stores into " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("TestCa: cannot make the test certificates: " + e, e);
        }
    }

    /** The server's private key and its chain (server, CA), alias {@code server}. */
    public Path keystore() {
        return keystore;
    }

    /** The CA certificate only, alias {@code ca}. */
    public Path truststore() {
        return truststore;
    }

    /** The CA certificate as PEM (what a client with {@code ssl.truststore.type=PEM} reads; no password). */
    public Path caPem() {
        return caPem;
    }

    /** The password of both stores (and of the server's key entry). */
    public String password() {
        return password;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static Date from(Instant now) {
        return Date.from(now.minus(Duration.ofHours(1)));
    }

    private static Date until(Instant now) {
        return Date.from(now.plus(Duration.ofDays(1)));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    }

    private static void write(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    @Override
    public String toString() {
        return "TestCa[" + caCertificate.getSubjectX500Principal().getName() + ", " + keystore.getParent() + "]";
    }
}
