package io.endpointbridge.polling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.BridgeProcess;
import io.endpointbridge.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two `run` processes on this machine sharing a lock directory: only the leader polls; when it is stopped, the
 * other takes over. (Separate processes: file locks are per process.)
 */
class LeaderElectionTest {

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static BridgeProcess start(Path lockDir, String id) throws Exception {
        return BridgeProcess.start("leader-" + id, Files.createTempDirectory("leader-" + id), Map.of(
                "SES_ENABLED", "true",
                "SES_BASE_URL", ses.baseUrl(),
                "SES_CLIENT_ID", "id",
                "SES_CLIENT_SECRET", "secret",
                "SES_SCHEDULE_CRON", "0/1 * * * * ?",
                "CLUSTER_ID", id,
                "CLUSTER_FILE_ROOT", lockDir.toString(),
                "CLUSTER_FILE_ACQUIRE_LOCK_INTERVAL_MS", "500"));
    }

    static int runs(BridgeProcess instance) {
        try {
            String status = instance.get("/status");
            return status == null ? -1 : Golden.JSON.readTree(status).at("/sources/ses-devices/lastRuns").size();
        } catch (Exception notUpYet) {
            return -1;
        }
    }

    @Test
    void onlyTheLeaderPollsAndTheOtherTakesOver() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson("{\"total\":1,\"devices\":[{\"id\":\"d1\"}]}")));
        Path lockDir = Files.createTempDirectory("cluster");
        try (BridgeProcess first = start(lockDir, "first"); BridgeProcess second = start(lockDir, "second")) {
            BridgeProcess.await(() -> runs(first) >= 0 && runs(second) >= 0 && runs(first) + runs(second) >= 3, 60_000);
            BridgeProcess leader = runs(first) > 0 ? first : second;
            BridgeProcess standby = leader == first ? second : first;
            assertTrue(runs(leader) >= 3, "the leader polls: " + runs(leader));
            assertEquals(0, runs(standby), "the standby does not");
            assertTrue(leader.stop());
            BridgeProcess.await(() -> runs(standby) >= 2, 30_000);
            assertTrue(runs(standby) >= 2, "the standby took over: " + runs(standby));
        }
    }
}
