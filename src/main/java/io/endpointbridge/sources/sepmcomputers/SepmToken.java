package io.endpointbridge.sources.sepmcomputers;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.ApiException;
import io.endpointbridge.polling.CachedTokenProvider;

/**
 * SEPM's session token: {@code POST /sepm/api/v1/identity/authenticate} with {@code {username, password, domain}},
 * answered with {@code {token, tokenExpiration (seconds)}}; renewed a minute (or a tenth of its life) before it
 * expires, and logged out ({@code POST /identity/logout}) when the application stops. Some SEPM builds expect the
 * password URL-encoded inside the JSON ({@code sepm.login-encoding=url}); the default sends it as it is.
 */
public class SepmToken extends CachedTokenProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_LIFE_SECONDS = 3600;

    private final ApiCalls api;
    private final String tokenEndpoint;
    private final String logoutEndpoint;
    private final byte[] credentials;

    public SepmToken(ApiCalls api, String tokenEndpoint, String logoutEndpoint, String username, String password,
                     String domain, boolean urlEncodePassword, Clock clock) {
        super(clock);
        this.api = api;
        this.tokenEndpoint = tokenEndpoint;
        this.logoutEndpoint = logoutEndpoint;
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new ApiException(ApiException.Check.AUTHENTICATION,
                    "no SEPM credentials: set sepm.username and sepm.password (SEPM_USERNAME, SEPM_PASSWORD)");
        }
        ObjectNode body = JSON.createObjectNode()
                .put("username", username.trim())
                .put("password", urlEncodePassword ? percentEncoded(password) : password)
                .put("domain", domain == null ? "" : domain.trim());
        this.credentials = body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Percent-encoding as the peers that encode do it (space as %20, not +). */
    static String percentEncoded(String password) {
        return URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    protected Fetched fetch() {
        byte[] answer = api.call(tokenEndpoint, exchange -> exchange.getIn().setBody(credentials));
        JsonNode body;
        try {
            body = JSON.readTree(answer);
        } catch (IOException e) {
            throw new ApiException(ApiException.Check.AUTHENTICATION, "/identity/authenticate: answer is not JSON");
        }
        String token = body == null ? null : body.path("token").asText(null);
        if (token == null || token.isBlank()) {
            throw new ApiException(ApiException.Check.AUTHENTICATION, "/identity/authenticate: answer has no token");
        }
        long lifeSeconds = body.path("tokenExpiration").asLong(0);
        if (lifeSeconds <= 0) {
            lifeSeconds = DEFAULT_LIFE_SECONDS;
        }
        Duration margin = Duration.ofSeconds(Math.min(60, lifeSeconds / 10));
        return new Fetched(token, clock.instant().plusSeconds(lifeSeconds).minus(margin));
    }

    @Override
    protected void end(String token) {
        api.call(logoutEndpoint, exchange -> exchange.getIn().setHeader("Authorization", "Bearer " + token));
    }
}
