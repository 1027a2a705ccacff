package io.endpointbridge.sources.sesevents;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.Golden;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.polling.Run;
import io.endpointbridge.sources.SesSimulation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SES events through the event-search fallback against a simulator over real HTTP into a real Kafka broker: 25,000
 * events in an hour, more than the 10,000 results the API pages through for one query, returned newest first; a later
 * run with new events and events indexed late inside the overlap.
 */
class SesEventSearchTest {

    static final String SOURCE = "ses-events-search";
    static final SesEventSearchSimulator SES = new SesEventSearchSimulator();

    @RegisterExtension
    static WireMockExtension ses = SesSimulation.http(SES);

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Properties p = SesSimulation.bridgeProperties(ses.baseUrl());
        p.put("ses.events.search.initial-lookback", "1h");
        bridge = new RunningBridge(p);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void everyEventArrivesOnceThoughAWindowHoldsMoreThanTheApiPagesThrough() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":3600}")));
        ses.stubFor(post("/v1/event-search").willReturn(aResponse().withTransformers(SesEventSearchSimulator.NAME)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 25_000; i++) {
            SES.add(uuid(i), now.minusMillis(100L * (25_000 - i)));
        }
        Run first = bridge.pull(SOURCE);
        assertEquals(Run.State.PROCESSED, first.state(), String.valueOf(first.toJson()));
        assertEquals(25_000, first.toJson().get("published").asLong(), String.valueOf(first.toJson()));

        // later: 500 new events, and 30 SES indexed late with times inside the last run's overlap
        Instant later = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 500; i++) {
            SES.add(uuid(25_000 + i), later.minusMillis(i));
        }
        for (int i = 0; i < 30; i++) {
            SES.add(uuid(30_000 + i), now.minus(Duration.ofMinutes(2)).plusMillis(i));
        }
        Run second = bridge.pull(SOURCE);
        assertEquals(Run.State.PROCESSED, second.state(), String.valueOf(second.toJson()));
        assertEquals(530, second.toJson().get("published").asLong(), "the new and the late events only");
        assertTrue(second.toJson().get("duplicates").asLong() > 0, "the overlap's events were left out: " + second.toJson());

        List<ConsumerRecord<String, String>> records = bridge.consume("security.events.ses.v1", r -> {
            String run = RunningBridge.header(r, "runId");
            return run.equals(first.runId()) || run.equals(second.runId());
        }, 25_530, Duration.ofSeconds(60));
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            String id = RunningBridge.header(r, "eventId");
            assertTrue(ids.add(id), "published once: " + id);
            assertEquals(id, Golden.JSON.readTree(r.value()).get("eventId").asText());
        }
        assertEquals(25_530, ids.size(), "every event arrived");
        System.out.printf("ses-events-search: 25,000 events in %d requests (windows halved to fit the 10,000-result window), "
                + "then 530 with %d overlap repeats left out%n", first.pages(), second.toJson().get("duplicates").asLong());
    }

    static String uuid(int n) {
        return "8031:" + String.format("%08x-0909-11ef-9000-%012x", n, n);
    }
}
