package io.endpointbridge.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.polling.Run;
import io.endpointbridge.sources.sesevents.SesEventStreamSimulator;
import io.endpointbridge.sources.sesincidents.SesIncidentsSimulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Prints end-to-end figures for SES incidents and events (a benchmark, not a test): the same HTTP simulators as the
 * tests serve N incidents (pages of 2,000) and M stream events (lines of 100, 10 lines an answer); the app reads,
 * maps, publishes and checkpoints them; records/s from the run's start to its end record. The simulators' data and
 * the embedded broker share the JVM: give it room (bench/ses-records runs it at -Xmx2g).
 * Usage: bench/ses-records [INCIDENTS] [EVENTS] [BOOTSTRAP]
 */
public final class SesRecordsBench {

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        SesIncidentsSimulator incidentApi = new SesIncidentsSimulator();
        SesEventStreamSimulator stream = new SesEventStreamSimulator();
        stream.eventsPerLine = 100;
        stream.linesPerAnswer = 10;
        WireMockServer ses = new WireMockServer(wireMockConfig().dynamicPort().extensions(incidentApi, stream)
                .containerThreads(16).disableRequestJournal());
        ses.start();
        ses.stubFor(post("/v1/oauth2/tokens").willReturn(okJson("{\"access_token\":\"bench\",\"expires_in\":3600}")));
        ses.stubFor(post("/v1/incidents").willReturn(aResponse().withTransformers(SesIncidentsSimulator.NAME)));
        ses.stubFor(post(urlPathEqualTo("/v1/event-export/stream/S/C")).willReturn(aResponse()
                .withTransformers(SesEventStreamSimulator.NAME)));
        Properties p = new Properties();
        if (args.length > 2 && !args[2].isEmpty()) {
            p.put("kafka.bootstrap-servers", args[2]);
        }
        p.put("syslog.enabled", "false");
        p.put("ses.base-url", ses.baseUrl());
        p.put("ses.client-id", "bench");
        p.put("ses.client-secret", "bench");
        p.put("ses.requests-per-hour", "1000000");
        p.put("ses.events.stream-id", "S");
        p.put("ses.events.channel-id", "C");
        Instant now = Instant.now();
        for (int i = 0; i < incidents; i++) {
            incidentApi.change(String.format("%08x-0000-4000-8000-%012d", i, i), 8075 + i % 3,
                    now.minus(Duration.ofMillis(600L * (incidents - i))), true);
        }
        stream.append(events);
        try (RunningBridge bridge = new RunningBridge(p)) {
            double incidentsPerSecond = rate(bridge.pull("ses-incidents"), "incidents");
            double eventsPerSecond = rate(bridge.pull("ses-events"), "events");
            System.out.printf("RESULT ses_incidents_per_s=%.0f ses_events_per_s=%.0f%n", incidentsPerSecond, eventsPerSecond);
        } finally {
            ses.stop();
        }
    }

    private static double rate(Run run, String what) {
        var record = run.toJson();
        double seconds = record.get("durationMs").asLong() / 1000.0;
        long published = record.get("published").asLong();
        System.out.printf("%s: %s, %d %s published in %.2f s: %.0f/s (%d pages)%n", run.source(), record.get("state").asText(),
                published, what, seconds, published / seconds, record.get("pages").asInt());
        return published / seconds;
    }
}
