package io.endpointbridge.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.cli.MapCommandTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code status} of a running service shows runs it did not make: a {@code sync} from another shell (another JVM,
 * the same broker) is in its {@code lastRuns}, read from the runs topic.
 */
class StatusRunsTest {

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aSyncFromAnotherShellIsInTheServicesLastRuns() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson("{\"total\":2,\"devices\":[{\"id\":\"a\"},{\"id\":\"b\"}]}")));
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        try (RunningBridge service = new RunningBridge(p)) {
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", service.bootstrap());
            env.put("SES_BASE_URL", ses.baseUrl());
            env.put("SES_CLIENT_ID", "client");
            env.put("SES_CLIENT_SECRET", "secret");
            MapCommandTest.Result sync = MapCommandTest.run("", env, "sync", "ses-devices");
            assertEquals(0, sync.exit(), sync.stderr());
            JsonNode run = Golden.JSON.readTree(sync.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());

            JsonNode status = Golden.JSON.readTree(service.context().getRegistry()
                    .lookupByNameAndType("statusReport", StatusReport.class).json());
            JsonNode ses = status.get("sources").get("ses-devices");
            assertEquals("security.connector.runs.v1", ses.get("lastRunsFrom").asText(), status.toPrettyString());
            JsonNode last = ses.get("lastRuns").get(0);
            assertEquals(run.get("runId"), last.get("runId"), status.toPrettyString());
            assertEquals("Processed", last.get("state").asText(), "the run's end record, not its start");
            assertEquals(2, last.get("published").asInt());
        }
    }
}
