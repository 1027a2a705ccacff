package io.endpointbridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-signed server certificates made for a test by the JDK's keytool: a PKCS12 key store for the HTTPS simulator
 * and the certificate as PEM, the file an operator gives as {@code <prefix>.tls-certificate}.
 */
public record TestCertificates(Path keyStore, Path pem) {

    public static final String PASSWORD = "test-store-pass";

    /**
     * @param subjectAlternativeNames keytool's SAN value ({@code dns:localhost,ip:127.0.0.1})
     * @param startDate keytool's {@code -startdate} ({@code -60d} for an expired one), or null for now
     */
    public static TestCertificates selfSigned(String subjectAlternativeNames, String startDate, int validityDays)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("test-certificates");
        Path store = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        List<String> create = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=sepm-test", "-ext", "SAN=" + subjectAlternativeNames,
                "-validity", String.valueOf(validityDays), "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (startDate != null) {
            create.add("-startdate");
            create.add(startDate);
        }
        run(create);
        run(List.of(keytool(), "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-file", pem.toString()));
        return new TestCertificates(store, pem);
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
