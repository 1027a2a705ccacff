package io.endpointbridge.sources.sesdevices;

import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.Settings;
import io.endpointbridge.polling.ApiHttp;
import io.endpointbridge.polling.ConnectionTest;
import io.endpointbridge.polling.LazyTokenProvider;
import io.endpointbridge.polling.PageFetcher;
import io.endpointbridge.polling.TokenProvider;
import io.endpointbridge.sources.PolledSource;

/**
 * Symantec Endpoint Security device inventory ({@code ses.*}): OAuth client credentials, {@code GET /v1/devices} with
 * offset paging. Credentials are checked when a run asks for a token.
 */
public final class SesDevicesSource implements PolledSource {

    @Override
    public String name() {
        return "ses-devices";
    }

    @Override
    public String prefix() {
        return "ses";
    }

    @Override
    public String keyPrefix() {
        return "SES:";
    }

    @Override
    public String assetList() {
        return "devices";
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.sep.securitycloud.symantec.com";
    }

    @Override
    public TokenProvider tokens(Settings settings, ApiHttp http, Clock clock) {
        return new LazyTokenProvider(() -> new SesOAuthToken(http, settings.optional("ses.client-id").orElse(null),
                settings.optional("ses.client-secret").orElse(null),
                settings.optional("ses.oauth-credentials").orElse(null), clock));
    }

    @Override
    public PageFetcher fetcher(Settings settings, ApiHttp http, TokenProvider tokens) {
        return new SesDevicesFetcher(http, tokens, settings.getInt("ses.page-size", 1000));
    }

    @Override
    public ConnectionTest.Probe probe(Settings settings, ApiHttp http) {
        return new ConnectionTest.Probe(http, () -> tokens(settings, http, Clock.systemUTC()),
                "check ses.client-id / ses.client-secret or ses.oauth-credentials",
                (client, tokens) -> client.send("/v1/devices?offset=0&limit=1",
                        builder -> builder.header("Accept", "application/json").GET(), tokens).body(),
                page -> {
                    JsonNode parsed = AssetPageMapper.parse(page);
                    if (!parsed.path("devices").isArray()) {
                        throw new RejectedInputException("page has no 'devices' list");
                    }
                    return "the device list answers";
                });
    }
}
