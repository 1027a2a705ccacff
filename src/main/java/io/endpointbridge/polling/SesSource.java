package io.endpointbridge.polling;

import java.io.IOException;
import java.time.Clock;

import io.endpointbridge.assets.SesDevices;
import io.endpointbridge.kafka.AssetStateStore;
import io.endpointbridge.pipeline.Settings;

/** Builds the SES device poller from the ses.* properties. Credentials are checked when a run asks for a token. */
public final class SesSource {

    private SesSource() {
    }

    static final String DEFAULT_BASE_URL = "https://api.sep.securitycloud.symantec.com";

    public static ApiHttp http(Settings settings, boolean retry) {
        return ApiHttp.from(settings, "ses", DEFAULT_BASE_URL, 60000, retry);
    }

    public static TokenProvider tokens(Settings settings, ApiHttp http, Clock clock) {
        return new LazyTokenProvider(() -> new SesOAuthToken(http, settings.optional("ses.client-id").orElse(null),
                settings.optional("ses.client-secret").orElse(null),
                settings.optional("ses.oauth-credentials").orElse(null), clock));
    }

    public static AssetPoller poller(Settings settings, RunTracker tracker, AssetStateStore state,
                                     java.util.function.Supplier<io.endpointbridge.assets.AssetPageMapper> mapper, Clock clock)
            throws IOException {
        ApiHttp http = http(settings, true);
        SesDevicesFetcher fetcher = new SesDevicesFetcher(http, tokens(settings, http, clock),
                settings.getInt("ses.page-size", 1000));
        return new AssetPoller(SesDevices.SOURCE, tracker, fetcher, mapper,
                AssetPoller.Delivery.from(settings, "SES:"), state, clock, settings.mappingThreads());
    }
}
