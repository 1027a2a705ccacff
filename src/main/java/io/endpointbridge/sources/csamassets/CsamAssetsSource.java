package io.endpointbridge.sources.csamassets;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

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
 * Qualys CSAM host assets ({@code csam.*}): a JWT from {@code /auth}, {@code POST /rest/2.0/search/am/asset} with
 * cursor paging. Credentials are checked when a run needs a token.
 */
public final class CsamAssetsSource implements PolledSource {

    @Override
    public String name() {
        return "csam-assets";
    }

    @Override
    public String prefix() {
        return "csam";
    }

    @Override
    public String keyPrefix() {
        return "CSAM:";
    }

    @Override
    public String assetList() {
        return "assetListData.asset";
    }

    @Override
    public int defaultRequestTimeoutMs() {
        return 120000;
    }

    @Override
    public TokenProvider tokens(Settings settings, ApiCalls api, Clock clock) {
        return new LazyTokenProvider(() -> new CsamJwtToken(api, tokenEndpoint(), settings.optional("csam.username").orElse(null),
                settings.optional("csam.password").orElse(null), clock));
    }

    @Override
    public Paging paging(Settings settings) {
        List<String> tags = Arrays.stream(settings.get("csam.tag-filter", " ").split(","))
                .map(String::trim).filter(tag -> !tag.isEmpty()).toList();
        return new CsamAssetsPaging(settings.getInt("csam.page-size", 300), tags,
                settings.optional("csam.include-fields").orElse(null), settings.optional("csam.exclude-fields").orElse(null));
    }

    @Override
    public String credentialHint() {
        return "check csam.username / csam.password";
    }

    @Override
    public String describeProbe(byte[] answer) {
        if (answer.length == 0) {
            return "no assets (204)";
        }
        JsonNode parsed = AssetPageMapper.parse(answer);
        if (!"SUCCESS".equals(parsed.path("responseCode").asText())) {
            throw new RejectedInputException("CSAM answered " + parsed.path("responseCode").asText("no responseCode")
                    + ": " + parsed.path("responseMessage").asText(""));
        }
        return "the asset search answers";
    }
}
