package io.endpointbridge.sources.csamassets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.endpointbridge.polling.ApiException;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.CachedTokenProvider;

/**
 * Qualys gateway JWT: {@code POST /auth} with form {@code username, password, token=true}, answered 201 with the raw
 * token. Valid four hours; renewed five minutes before it ends (its {@code exp} claim when present) and once on 401.
 */
public class CsamJwtToken extends CachedTokenProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIFETIME = Duration.ofHours(4);
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final ApiCalls api;
    private final String endpoint;
    private final String form;

    /** @param endpoint the source's token route ({@code direct:csam-assets-token}) */
    public CsamJwtToken(ApiCalls api, String endpoint, String username, String password, Clock clock) {
        super(clock);
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            throw new ApiException(ApiException.Check.AUTHENTICATION, "no CSAM credentials: set csam.username and csam.password");
        }
        this.api = api;
        this.endpoint = endpoint;
        this.form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&token=true";
    }

    @Override
    protected Fetched fetch() {
        byte[] body = api.call(endpoint, exchange -> exchange.getIn().setBody(form));
        String jwt = new String(body, StandardCharsets.UTF_8).trim();
        if (jwt.isEmpty() || jwt.contains(" ") || jwt.startsWith("<") || jwt.startsWith("{")) {
            throw new ApiException(ApiException.Check.AUTHENTICATION, "/auth: the answer is not a token");
        }
        return new Fetched(jwt, expiry(jwt).orElse(clock.instant().plus(LIFETIME)).minus(MARGIN));
    }

    private static java.util.Optional<Instant> expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.has("exp") ? java.util.Optional.of(Instant.ofEpochSecond(claims.get("exp").asLong()))
                    : java.util.Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }
}
