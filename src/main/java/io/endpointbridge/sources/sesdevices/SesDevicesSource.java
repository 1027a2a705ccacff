package io.endpointbridge.sources.sesdevices;

import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.core.Settings;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.LazyTokenProvider;
import io.endpointbridge.polling.Paging;
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
    public TokenProvider tokens(Settings settings, ApiCalls api, Clock clock) {
        return new LazyTokenProvider(() -> new SesOAuthToken(api, tokenEndpoint(), settings.optional("ses.client-id").orElse(null),
                settings.optional("ses.client-secret").orElse(null),
                settings.optional("ses.oauth-credentials").orElse(null), clock));
    }

    @Override
    public Paging paging(Settings settings) {
        return new SesDevicesPaging();
    }

    @Override
    public String credentialHint() {
        return "check ses.client-id / ses.client-secret or ses.oauth-credentials";
    }

    @Override
    public String describeProbe(byte[] answer) {
        JsonNode parsed = AssetPageMapper.parse(answer);
        if (!parsed.path("devices").isArray()) {
            throw new RejectedInputException("page has no 'devices' list");
        }
        return "the device list answers";
    }
}
