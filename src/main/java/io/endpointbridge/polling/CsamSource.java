package io.endpointbridge.polling;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.endpointbridge.assets.CsamAssets;
import io.endpointbridge.kafka.AssetStateStore;
import io.endpointbridge.pipeline.Settings;

/** Builds the Qualys CSAM asset poller from the csam.* properties. Credentials are checked when a run needs a token. */
public final class CsamSource {

    private CsamSource() {
    }

    static final String DEFAULT_BASE_URL = "https://gateway.qg1.apps.qualys.com";

    public static ApiHttp http(Settings settings, boolean retry) {
        return ApiHttp.from(settings, "csam", DEFAULT_BASE_URL, 120000, retry);
    }

    public static TokenProvider tokens(Settings settings, ApiHttp http, Clock clock) {
        return new LazyTokenProvider(() -> new CsamJwtToken(http, settings.optional("csam.username").orElse(null),
                settings.optional("csam.password").orElse(null), clock));
    }

    public static AssetPoller poller(Settings settings, RunTracker tracker, AssetStateStore state,
                                     java.util.function.Supplier<io.endpointbridge.assets.AssetPageMapper> mapper, Clock clock)
            throws IOException {
        ApiHttp http = http(settings, true);
        List<String> tags = Arrays.stream(settings.get("csam.tag-filter", " ").split(","))
                .map(String::trim).filter(tag -> !tag.isEmpty()).toList();
        CsamAssetsFetcher fetcher = new CsamAssetsFetcher(http, tokens(settings, http, clock),
                settings.getInt("csam.page-size", 300), tags, settings.optional("csam.include-fields").orElse(null),
                settings.optional("csam.exclude-fields").orElse(null));
        return new AssetPoller(CsamAssets.SOURCE, tracker, fetcher, mapper,
                AssetPoller.Delivery.from(settings, "CSAM:"), state, clock, settings.mappingThreads());
    }
}
