package io.endpointbridge.polling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.endpointbridge.core.Settings;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which server certificates a polled API's HTTPS requests accept, from {@code <prefix>.tls-certificate} (a PEM file
 * of the certificates to trust: an on-premises server's self-signed one), {@code <prefix>.truststore} (+
 * {@code -password}, {@code -type}: PKCS12 or JKS), or else the JVM's CAs. The routes take it as
 * {@code sslContextParameters: "#<prefix>-tls"} and {@code x509HostnameVerifier: "#<prefix>-hostnames"}.
 * {@code <prefix>.tls-insecure=true} accepts any certificate for any host: an escape hatch, logged loudly.
 */
public final class ApiTrust {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTrust.class);

    private final String prefix;
    private final KeyStore trusted;
    private final String origin;
    private final boolean insecure;

    private ApiTrust(String prefix, KeyStore trusted, String origin, boolean insecure) {
        this.prefix = prefix;
        this.trusted = trusted;
        this.origin = origin;
        this.insecure = insecure;
    }

    /** Reads the trust settings of {@code prefix}; a missing or unreadable file fails here, naming its key. */
    public static ApiTrust from(Settings settings, String prefix) {
        // <prefix>.tls-cert: the short name, for the environment's SEPM_TLS_CERT
        String pem = settings.optional(prefix + ".tls-certificate").or(() -> settings.optional(prefix + ".tls-cert")).orElse(null);
        String store = settings.optional(prefix + ".truststore").orElse(null);
        boolean insecure = Boolean.parseBoolean(settings.get(prefix + ".tls-insecure", "false"));
        if (pem != null && store != null) {
            throw new IllegalArgumentException(prefix + ".tls-certificate and " + prefix
                    + ".truststore are both set: trust either a PEM file or a trust store");
        }
        if (insecure) {
            LOG.warn("{}.tls-insecure=true: the {} API's certificate is NOT verified (any server can pretend to be it);"
                    + " trust its certificate with {}.tls-certificate instead", prefix, prefix, prefix);
            return new ApiTrust(prefix, null, "no verification (" + prefix + ".tls-insecure=true)", true);
        }
        if (pem != null) {
            Path file = settings.home().resolve(pem);
            return new ApiTrust(prefix, pemStore(file, prefix + ".tls-certificate"), prefix + ".tls-certificate " + file, false);
        }
        if (store != null) {
            Path file = settings.home().resolve(store);
            String password = settings.optional(prefix + ".truststore-password").orElse("");
            String type = settings.optional(prefix + ".truststore-type").orElse(typeOf(file));
            return new ApiTrust(prefix, loadStore(file, type, password, prefix + ".truststore"), prefix + ".truststore " + file, false);
        }
        return new ApiTrust(prefix, null, "the JVM's trusted CAs", false);
    }

    /** The registry names the routes use: {@code sepm-tls}, {@code sepm-hostnames}. */
    public static String beanName(String prefix) {
        return prefix + "-tls";
    }

    public static String hostnamesBeanName(String prefix) {
        return prefix + "-hostnames";
    }

    /** Where the trusted certificates come from, for messages: {@code sepm.tls-certificate /etc/sepm.pem}. */
    public String origin() {
        return origin;
    }

    public String prefix() {
        return prefix;
    }

    /** A trust manager that accepts any certificate: the escape hatch, and the connection test's look at one. */
    static X509TrustManager acceptingAny() {
        return AnyCertificate.INSTANCE;
    }

    public boolean insecure() {
        return insecure;
    }

    /** For camel-http's {@code sslContextParameters}. */
    public SSLContextParameters sslContextParameters() {
        SSLContextParameters parameters = new SSLContextParameters();
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setTrustManager(trustManager());
        parameters.setTrustManagers(trust);
        return parameters;
    }

    /** For camel-http's {@code x509HostnameVerifier}: the certificate must name the host, unless insecure. */
    public HostnameVerifier hostnameVerifier() {
        return insecure ? NoopHostnameVerifier.INSTANCE : new DefaultHostnameVerifier();
    }

    /** The same trust for the connection test's own handshake. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    X509TrustManager trustManager() {
        if (insecure) {
            return AnyCertificate.INSTANCE;
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new CurrentCertificates(x509);
                }
            }
            throw new IllegalStateException("no X.509 trust manager in this JVM");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(prefix + ": cannot use the trusted certificates (" + e.getMessage() + ")");
        }
    }

    private static KeyStore pemStore(Path file, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(key + " " + file + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (CertificateException e) {
            throw new IllegalArgumentException(key + " " + file + " is not a PEM certificate: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no key store type in this JVM", e);
        }
    }

    private static KeyStore loadStore(Path file, String type, String password, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            // a wrong password shows as an IOException whose cause is UnrecoverableKeyException
            throw new IllegalArgumentException(key + ": cannot read " + file + " as " + type + " ("
                    + (e.getCause() != null ? "wrong " + key + "-password?" : e.getClass().getSimpleName()) + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(key + " " + file + ": " + e.getMessage());
        }
    }

    private static String typeOf(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
    }

    /**
     * The JVM's checks, and the server's own certificate within its dates: PKIX does not check the dates of a trust
     * anchor, so a pinned self-signed certificate would otherwise be accepted long after it expired.
     */
    private record CurrentCertificates(X509TrustManager trusted) implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trusted.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trusted.checkServerTrusted(chain, authType);
            chain[0].checkValidity();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trusted.getAcceptedIssuers();
        }
    }

    /** The escape hatch's trust manager. */
    private enum AnyCertificate implements X509TrustManager {
        INSTANCE;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
