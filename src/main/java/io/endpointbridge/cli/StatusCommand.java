package io.endpointbridge.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.endpointbridge.core.Settings;

/**
 * {@code status}: asks the running application's HTTP endpoint for connector states, last runs and counts (with the
 * bearer token when {@code http.auth-token} is set).
 */
final class StatusCommand {

    private StatusCommand() {
    }

    static int run(Path home) throws Exception {
        Settings settings = CliSettings.load(home);
        String host = settings.get("http.bind-address", "127.0.0.1");
        URI uri = URI.create("http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":"
                + settings.getInt("http.port", 8080) + "/status");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(authorized(HttpRequest.newBuilder(uri), settings).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            System.out.println(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (java.io.IOException e) {
            System.err.println("endpoint-bridge is not running: no answer on " + uri + " (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, Settings settings) {
        settings.optional("http.auth-token").ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }
}
