package io.endpointbridge.sources.sesdevices;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.endpointbridge.polling.ApiException;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.CachedTokenProvider;

/**
 * SES OAuth client credentials: {@code POST /v1/oauth2/tokens} with {@code Authorization: Basic ...}. Takes either a
 * client id and secret or the console's pre-encoded "OAuth credentials" value, and caches the access token until a
 * minute (or a tenth of its life, if shorter) before {@code expires_in}: no pasted token expires under us.
 */
public class SesOAuthToken extends CachedTokenProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiCalls api;
    private final String endpoint;
    private final String basicCredentials;

    /** @param endpoint the source's token route ({@code direct:ses-devices-token}) */
    public SesOAuthToken(ApiCalls api, String endpoint, String clientId, String clientSecret, String preEncoded, Clock clock) {
        super(clock);
        this.api = api;
        this.endpoint = endpoint;
        if (preEncoded != null && !preEncoded.isBlank()) {
            this.basicCredentials = preEncoded.trim().replaceFirst("^(?i)(basic|bearer)\\s+", "");
        } else if (clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank()) {
            this.basicCredentials = Base64.getEncoder().encodeToString(
                    (clientId.trim() + ":" + clientSecret.trim()).getBytes(StandardCharsets.UTF_8));
        } else {
            throw new ApiException(ApiException.Check.AUTHENTICATION,
                    "no SES credentials: set ses.client-id and ses.client-secret, or ses.oauth-credentials");
        }
    }

    @Override
    protected Fetched fetch() {
        byte[] answer = api.call(endpoint, exchange -> exchange.getIn().setHeader("Authorization", "Basic " + basicCredentials));
        JsonNode body;
        try {
            body = JSON.readTree(answer);
        } catch (java.io.IOException e) {
            throw new ApiException(ApiException.Check.AUTHENTICATION, "/v1/oauth2/tokens: answer is not JSON");
        }
        String accessToken = body == null ? null : body.path("access_token").asText(null);
        if (accessToken == null || accessToken.isBlank()) {
            throw new ApiException(ApiException.Check.AUTHENTICATION, "/v1/oauth2/tokens: answer has no access_token");
        }
        long lifeSeconds = body.path("expires_in").asLong(3600);
        Duration margin = Duration.ofSeconds(Math.min(60, lifeSeconds / 10));
        return new Fetched(accessToken, clock.instant().plusSeconds(lifeSeconds).minus(margin));
    }
}
