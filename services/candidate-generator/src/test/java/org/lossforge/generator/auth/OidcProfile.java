package org.lossforge.generator.auth;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@code lossforge.auth.mode=oidc} with no provider on the network: quarkus-oidc verifies bearer JWTs against a public
 * key made here at test time ({@code quarkus.oidc.public-key}) and checks their issuer; reads are protected too. The
 * key pair is kept in system properties, so the test (whatever class loader it runs in) signs with the private half.
 */
public class OidcProfile implements QuarkusTestProfile {

    public static final String ISSUER = "https://issuer.lossforge.test";
    private static final String PUBLIC = "lossforge.test.oidc.public", PRIVATE = "lossforge.test.oidc.private";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lossforge.auth.mode", "oidc", "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.public-key", publicKey(), "quarkus.oidc.token.issuer", ISSUER,
                "lossforge.auth.protect-reads", "true");
    }

    static synchronized String publicKey() {
        if (System.getProperty(PUBLIC) == null) {
            KeyPair pair = newPair();
            System.setProperty(PUBLIC, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            System.setProperty(PRIVATE, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        }
        return System.getProperty(PUBLIC);
    }

    /** The private half of the key the service trusts. */
    static PrivateKey signingKey() {
        publicKey();
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(System.getProperty(PRIVATE))));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair newPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
