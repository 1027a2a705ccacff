package io.endpointbridge.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whoever reaches the HTTP ports cannot read the status or spend the API quota (issue "Hostile edges", case 6): with
 * http.auth-token set every endpoint but the health probes wants the bearer token, and fifty parallel connection
 * tests make one round of API calls, answering without the inventory size.
 */
class HttpSurfaceTest {

    static final String TOKEN = "http-token-5b2e";

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static RunningBridge bridge;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("http.auth-token", TOKEN);
        p.put("ses.base-url", ses.baseUrl());
        p.put("ses.client-id", "id");
        p.put("ses.client-secret", "secret");
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void everyEndpointButTheProbesWantsTheToken() throws Exception {
        for (String path : List.of("/status", "/connection-test/csam")) {
            assertEquals(401, fetch(bridge.httpPort, path, null).statusCode(), path);
            assertEquals(401, fetch(bridge.httpPort, path, "wrong").statusCode(), path);
        }
        for (String path : List.of("/observe/metrics", "/observe/health")) {
            assertEquals(401, fetch(bridge.managementPort, path, null).statusCode(), path);
        }
        var status = fetch(bridge.httpPort, "/status", TOKEN);
        assertEquals(200, status.statusCode());
        // syslog is off here: no UDP socket, so the kernel's drops are unknown (-1), none counted
        var udp = io.endpointbridge.Golden.JSON.readTree(status.body()).get("udp");
        assertEquals(-1, udp.get("kernelDrops").asLong(), udp.toString());
        assertEquals(0, udp.get("queueDrops").asLong(), udp.toString());
        assertEquals(404, fetch(bridge.httpPort, "/connection-test/no-such-source", TOKEN).statusCode());
        assertEquals(200, fetch(bridge.managementPort, "/observe/metrics", TOKEN).statusCode());
        assertEquals(200, fetch(bridge.managementPort, "/observe/health/live", null).statusCode());
        assertTrue(List.of(200, 503).contains(fetch(bridge.managementPort, "/observe/health/ready", null).statusCode()),
                "readiness answers the probe without a token");
    }

    @Test
    void parallelConnectionTestsMakeOneRoundOfApiCallsAndHideTheInventorySize() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson("{\"total\":48213,\"devices\":[{\"id\":\"d\"}]}")));
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // by settings prefix and by source name: one source, one test
            answers.add(HTTP.sendAsync(request(bridge.httpPort, i % 2 == 0 ? "/connection-test/ses"
                    : "/connection-test/ses-devices", TOKEN), HttpResponse.BodyHandlers.ofString()));
        }
        String first = answers.get(0).get().body();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertEquals(200, answer.get().statusCode());
            assertEquals(first, answer.get().body(), "one test, served to all");
        }
        assertTrue(first.contains("\"passed\" : true"), first);
        assertFalse(first.contains("48213"), "no inventory size: " + first);
        ses.verify(1, postRequestedFor(urlPathEqualTo("/v1/oauth2/tokens")));
        ses.verify(1, getRequestedFor(urlPathEqualTo("/v1/devices")));
    }

    private static HttpResponse<String> fetch(int port, String path, String token) throws Exception {
        return HTTP.send(request(port, path, token), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }
}
