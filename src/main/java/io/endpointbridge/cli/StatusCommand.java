package io.endpointbridge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.endpointbridge.core.Settings;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * {@code status}: asks the running application's HTTP endpoint for connector states, last runs and counts (with the
 * bearer token when {@code http.auth-token} is set).
 */
final class StatusCommand {

    private StatusCommand() {
    }

    static int run(Path home) {
        Settings settings = CliSettings.load(home);
        String host = settings.get("http.bind-address", "127.0.0.1");
        String uri = "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + settings.getInt("http.port", 8080)
                + "/status";
        HttpGet request = new HttpGet(uri);
        request.setConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(3))
                .setResponseTimeout(Timeout.ofSeconds(10)).build());
        settings.optional("http.auth-token").ifPresent(token -> request.setHeader("Authorization", "Bearer " + token));
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            return client.execute(request, response -> {
                System.out.println(response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
                return response.getCode() == 200 ? 0 : 1;
            });
        } catch (IOException e) {
            System.err.println("endpoint-bridge is not running: no answer on " + uri + " (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }
}
