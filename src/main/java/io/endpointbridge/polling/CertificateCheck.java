package io.endpointbridge.polling;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import io.endpointbridge.core.Settings;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;

/**
 * The connection test's TLS step: a handshake with the API's own trust ({@link ApiTrust}) and host name check, and
 * when it fails, what is wrong with the server's certificate (self-signed, issued by an untrusted CA, expired, not
 * for this host) and which setting fixes it, read from a second handshake that accepts anything only to look.
 */
final class CertificateCheck {

    private CertificateCheck() {
    }

    /** The pass line ({@code TLSv1.3 with CN=sepm.example}), or an {@link SSLException} whose message says what to do. */
    static String handshake(String host, int port, Duration timeout, ApiTrust trust) throws IOException {
        try (SSLSocket socket = connect(trust.sslContext(), host, port, timeout, !trust.insecure())) {
            socket.startHandshake();
            String line = socket.getSession().getProtocol() + " with " + socket.getSession().getPeerPrincipal().getName();
            return trust.insecure() ? line + ", certificate NOT verified (" + trust.origin() + ")" : line;
        } catch (SSLException e) {
            throw new SSLException(diagnose(host, port, timeout, trust, e));
        }
    }

    private static String diagnose(String host, int port, Duration timeout, ApiTrust trust, SSLException failure) {
        X509Certificate leaf;
        X509Certificate[] chain;
        try {
            SSLContext looking = SSLContext.getInstance("TLS");
            looking.init(null, new TrustManager[] {ApiTrust.acceptingAny()}, null);
            try (SSLSocket socket = connect(looking, host, port, timeout, false)) {
                socket.startHandshake();
                Certificate[] peer = socket.getSession().getPeerCertificates();
                chain = new X509Certificate[peer.length];
                for (int i = 0; i < peer.length; i++) {
                    chain[i] = (X509Certificate) peer[i];
                }
                leaf = chain[0];
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return "TLS handshake with " + host + ":" + port + " failed: " + failure.getMessage()
                    + " (is it TLS on this port? a proxy intercepting TLS needs its CA trusted)";
        }
        String prefix = trust.prefix();
        String certificate = leaf.getSubjectX500Principal().getName();
        Instant now = Instant.now();
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            return "the server's certificate (" + certificate + ") expired on " + day(leaf.getNotAfter())
                    + ": renew it on the server, then trust the new one";
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            return "the server's certificate (" + certificate + ") is valid only from " + day(leaf.getNotBefore())
                    + ": check this host's clock and the server's";
        }
        try {
            new DefaultHostnameVerifier().verify(host, leaf);
        } catch (SSLException e) {
            return "the server's certificate (" + certificate + ") is not for " + host + " (" + e.getMessage()
                    + "): use a " + prefix + ".base-url with a host name the certificate names";
        }
        String export = "openssl s_client -connect " + host + ":" + port
                + " -showcerts </dev/null | openssl x509 > " + prefix + "-server.pem";
        String pemKey = prefix + ".tls-certificate";
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return "the server presents a self-signed certificate (" + certificate + "), which " + trust.origin()
                    + " does not trust: save it (" + export + "), check its fingerprint with the server's"
                    + " administrator and set " + pemKey + " (" + Settings.environmentName(pemKey) + ")";
        }
        X509Certificate top = chain[chain.length - 1];
        return "the server's certificate (" + certificate + ") is issued by " + top.getIssuerX500Principal().getName()
                + ", which " + trust.origin() + " does not trust: put that CA's certificate in " + pemKey
                + " or " + prefix + ".truststore";
    }

    private static SSLSocket connect(SSLContext context, String host, int port, Duration timeout, boolean checkHost)
            throws IOException {
        java.net.Socket plain = new java.net.Socket();
        plain.connect(new java.net.InetSocketAddress(host, port), (int) timeout.toMillis());
        plain.setSoTimeout((int) timeout.toMillis());
        // layered on the connected socket so that the handshake names the host (SNI)
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        if (checkHost) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        return socket;
    }

    private static String day(Date date) {
        return date.toInstant().toString().substring(0, 10);
    }
}
