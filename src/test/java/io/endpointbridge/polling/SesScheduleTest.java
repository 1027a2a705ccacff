package io.endpointbridge.polling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.core.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Quartz schedule drives real pulls (UTC cron, optional window) and a source moves Scheduled -> Processed. */
class SesScheduleTest {

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aRecurringScheduleInsideItsWindowRunsPullsThatNeverOverlap() throws Exception {
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
        ses.stubFor(get(urlPathEqualTo("/v1/devices")).willReturn(okJson("{\"total\":1,\"devices\":[{\"id\":\"d1\"}]}")
                .withFixedDelay(1500)));
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("ses.enabled", "true");
        p.put("ses.base-url", ses.baseUrl());
        p.put("ses.client-id", "id");
        p.put("ses.client-secret", "secret");
        p.put("ses.schedule.cron", "0/1 * * * * ?");
        p.put("ses.schedule.start", Instant.now().minusSeconds(3600).toString().substring(0, 19) + "UTC");
        p.put("ses.schedule.end", Instant.now().plusSeconds(3600 * 24 * 365).toString().substring(0, 19) + "UTC");
        try (RunningBridge bridge = new RunningBridge(p)) {
            RunTracker tracker = bridge.context().getRegistry().lookupByNameAndType("runTracker", RunTracker.class);
            long deadline = System.currentTimeMillis() + 15_000;
            while (tracker.runs("ses-devices").size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            var runs = tracker.runs("ses-devices");
            assertTrue(runs.size() >= 2, "the cron fired more than once: " + runs.size());
            assertTrue(runs.stream().allMatch(run -> run.state() == Run.State.PROCESSED));
            for (int i = 0; i + 1 < runs.size(); i++) {
                Instant laterStart = runs.get(i).startedAt();
                Instant earlierEnd = Instant.parse(runs.get(i + 1).toJson().get("endedAt").asText());
                assertTrue(!laterStart.isBefore(earlierEnd), "runs overlap");
            }
        }
    }

    @Test
    void aWindowThatStartsLaterDoesNotFireYet() throws Exception {
        Properties p = new Properties();
        p.put("syslog.enabled", "false");
        p.put("ses.enabled", "true");
        p.put("ses.base-url", ses.baseUrl());
        p.put("ses.schedule.cron", "0/1 * * * * ?");
        p.put("ses.schedule.start", Instant.now().plusSeconds(3600).toString().substring(0, 19) + "UTC");
        try (RunningBridge bridge = new RunningBridge(p)) {
            RunTracker tracker = bridge.context().getRegistry().lookupByNameAndType("runTracker", RunTracker.class);
            Thread.sleep(3000);
            assertEquals(0, tracker.runs("ses-devices").size());
            assertEquals(Run.State.SCHEDULED, tracker.state("ses-devices"));
        }
    }

    @Test
    void aWindowLongerThanFiveYearsOrInTheWrongFormatStopsStartUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        assertEquals("ses.schedule: a recurring schedule may span at most 5 years",
                assertThrows(IllegalArgumentException.class, () -> ScheduleWindow.validate(settings(
                        "2026-12-01T00:00:00UTC", "2031-12-02T00:00:00UTC"), "ses", clock)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleWindow.validate(settings(
                null, "2026-12-01"), "ses", clock)).getMessage().contains("must look like"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleWindow.validate(settings(
                "2026-12-01T00:00:00UTC", "2026-11-30T00:00:00UTC"), "ses", clock)).getMessage().contains("after"));
        ScheduleWindow.validate(settings("2026-12-01T00:00:00UTC", "2031-12-01T00:00:00UTC"), "ses", clock);
    }

    static Settings settings(String start, String end) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        if (start != null) {
            p.put("ses.schedule.start", start);
        }
        p.put("ses.schedule.end", end);
        context.getPropertiesComponent().setInitialProperties(p);
        return new Settings(context.getPropertiesComponent());
    }
}
