package io.endpointbridge.polling;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.endpointbridge.assets.SesDevices;
import io.endpointbridge.kafka.AssetStateStore;
import io.endpointbridge.pipeline.Settings;

/** Builds the SES device poller from the ses.* properties. Credentials are checked when a run asks for a token. */
public final class SesSource {

    private SesSource() {
    }

    public static ApiHttp http(Settings settings) {
        return new ApiHttp(URI.create(settings.get("ses.base-url", "https://api.sep.securitycloud.symantec.com")),
                Duration.ofMillis(settings.getInt("ses.connect-timeout-ms", 10000)),
                Duration.ofMillis(settings.getInt("ses.request-timeout-ms", 60000)),
                new RetryPolicy(settings.getInt("ses.max-retries", 5),
                        Duration.ofMillis(settings.getInt("ses.backoff-initial-ms", 1000)),
                        Duration.ofMillis(settings.getInt("ses.backoff-max-ms", 60000)),
                        Duration.ofSeconds(settings.getInt("ses.max-retry-after-seconds", 600))));
    }

    public static TokenProvider tokens(Settings settings, ApiHttp http, Clock clock) {
        return new LazyTokenProvider(() -> new SesOAuthToken(http, settings.optional("ses.client-id").orElse(null),
                settings.optional("ses.client-secret").orElse(null),
                settings.optional("ses.oauth-credentials").orElse(null), clock));
    }

    public static AssetPoller poller(Settings settings, RunTracker tracker, AssetStateStore state, Clock clock)
            throws IOException {
        ApiHttp http = http(settings);
        SesDevicesFetcher fetcher = new SesDevicesFetcher(http, tokens(settings, http, clock),
                settings.getInt("ses.page-size", 1000));
        return new AssetPoller(SesDevices.SOURCE, tracker, fetcher, SesDevices.mapper(settings),
                AssetPoller.Delivery.from(settings, "SES:"), state, clock);
    }
}
