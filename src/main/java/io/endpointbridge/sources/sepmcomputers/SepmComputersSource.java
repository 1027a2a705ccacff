package io.endpointbridge.sources.sepmcomputers;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

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
 * Symantec Endpoint Protection Manager (on premises) computers ({@code sepm.*}): a session token from
 * {@code /identity/authenticate}, {@code GET /computers} paged by page number in COMPUTER_ID order, over HTTPS with
 * the server's own (usually self-signed) certificate trusted through {@code sepm.tls-certificate}.
 */
public final class SepmComputersSource implements PolledSource {

    static final String PASSWORD_ENCODING = "sepm.login-encoding";

    @Override
    public String name() {
        return "sepm-computers";
    }

    @Override
    public String prefix() {
        return "sepm";
    }

    @Override
    public String keyPrefix() {
        return "SEPM:";
    }

    @Override
    public String assetList() {
        return "content";
    }

    @Override
    public TokenProvider tokens(Settings settings, ApiCalls api, Clock clock) {
        return new LazyTokenProvider(() -> new SepmToken(api, tokenEndpoint(), "direct:" + name() + "-logout",
                settings.optional("sepm.username").orElse(null), settings.optional("sepm.password").orElse(null),
                settings.optional("sepm.domain").orElse(""),
                settings.get(PASSWORD_ENCODING, "raw").equals("url"), clock));
    }

    @Override
    public Paging paging(Settings settings) {
        return new SepmComputersPaging();
    }

    @Override
    public Map<String, Set<String>> settingChoices() {
        return Map.of(PASSWORD_ENCODING, Set.of("raw", "url"));
    }

    @Override
    public String credentialHint() {
        return "check sepm.username / sepm.password / sepm.domain (if they are right, try sepm.login-encoding=url:"
                + " some SEPM builds expect the password URL-encoded)";
    }

    @Override
    public String authorizationHint() {
        return "reading computers needs a SEPM system administrator account (a limited or domain administrator is"
                + " refused): use one, or give this one that role";
    }

    @Override
    public String describeProbe(byte[] answer) {
        JsonNode parsed = AssetPageMapper.parse(answer);
        if (!parsed.path("content").isArray()) {
            throw new RejectedInputException("page has no 'content' list");
        }
        return "the computer list answers";
    }
}
