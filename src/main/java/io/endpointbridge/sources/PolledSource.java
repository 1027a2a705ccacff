package io.endpointbridge.sources;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.core.Settings;
import io.endpointbridge.mapping.TargetSchemaCheck;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.ApiClient;
import io.endpointbridge.polling.ApiTrust;
import io.endpointbridge.polling.ConnectionTest;
import io.endpointbridge.polling.Paging;
import io.endpointbridge.polling.TokenProvider;

/**
 * A polled source, as everything outside its folder sees it: names, where its settings and map are, the key of its
 * records, its token and paging rules, and how to judge its connection test's answer. Its HTTP requests are routes in
 * {@code routes/<name>.camel.yaml}: {@code direct:<name>-page-request}, {@code -token} and {@code -probe}, beside the
 * pull and schedule templates (with {@code poller: <name>-poller}); its map is {@code mappings/<name>.yaml}.
 * Registered by one line in {@link Sources}: the commands, the HTTP connection test, the metrics, the status and
 * the wiring iterate over the registered sources.
 */
public interface PolledSource {

    /** The source name of commands, run records, headers and metrics: {@code ses-devices}. */
    String name();

    /** The prefix of its settings ({@code ses.base-url}), also its short name for {@code check-connection}. */
    String prefix();

    /** The transform map in {@code mappings.dir}. */
    default String mappingFile() {
        return name() + ".yaml";
    }

    /** Its records' keys are {@code <keyPrefix><externalAssetId>}: {@code SES:}. */
    String keyPrefix();

    /** Where a page keeps its assets ({@code devices}). */
    String assetList();

    /** Its default request timeout, {@code <prefix>.request-timeout-ms}. */
    default int defaultRequestTimeoutMs() {
        return 60000;
    }

    /** Its token provider; {@code api} calls the source's {@code direct:<name>-token} route. */
    TokenProvider tokens(Settings settings, ApiCalls api, Clock clock);

    /** What its pages say about the rest; bound as {@code <name>-paging} for its routes. */
    Paging paging(Settings settings);

    /** What to check when the API refuses the credentials: {@code check ses.client-id / ses.client-secret}. */
    String credentialHint();

    /** Its own settings that take one of a few values, checked with the rest at start ({@code sepm.login-encoding}). */
    default Map<String, Set<String>> settingChoices() {
        return Map.of();
    }

    /** What to do when the API refuses the data request (403): {@code give the account ...}. */
    default String authorizationHint() {
        return "give the account the privilege to read this data";
    }

    /** The data-fetch check's line for the probe's answer, or a {@code RejectedInputException} saying what is wrong. */
    String describeProbe(byte[] answer);

    /** Its HTTP client rules from {@code <prefix>.*}, bound as {@code <prefix>-http} for its routes. */
    default ApiClient client(Settings settings) {
        return ApiClient.from(settings, prefix(), defaultRequestTimeoutMs());
    }

    /** Its transform map, checked against the schema its records are published with. */
    default AssetPageMapper mapper(Settings settings) throws IOException {
        Path file = settings.path("mappings.dir", "mappings").resolve(mappingFile());
        AssetPageMapper mapper = AssetPageMapper.load(file, assetList(), key -> settings.optional(key).orElse(null));
        TargetSchemaCheck.require(file, mapper.transformMap(), settings.home().resolve("schemas"));
        return mapper;
    }

    /** The five connection checks against this source's API, each request a single attempt. */
    default List<ConnectionTest.Step> connectionTest(Settings settings, ApiCalls api) {
        ApiCalls once = api.probing();
        // a token of its own: the test proves the credentials now, not a token a run fetched earlier
        TokenProvider tokens = tokens(settings, once, Clock.systemUTC());
        try {
            return ConnectionTest.run(new ConnectionTest.Probe(URI.create(settings.get(prefix() + ".base-url", "")),
                    client(settings).connectTimeout(), ApiTrust.from(settings, prefix()), () -> tokens,
                    credentialHint(), authorizationHint(),
                    () -> once.call(probeEndpoint(), exchange -> exchange.getIn().setHeader("Authorization", tokens.bearer())),
                    this::describeProbe));
        } finally {
            try {
                tokens.release();
            } catch (RuntimeException e) {
                // the test's session expires on its own; its outcome is what matters
            }
        }
    }

    /** The route that runs one pull (the asset-pull template's {@code direct:<source>-pull}). */
    default String pullEndpoint() {
        return "direct:" + name() + "-pull";
    }

    default String tokenEndpoint() {
        return "direct:" + name() + "-token";
    }

    default String probeEndpoint() {
        return "direct:" + name() + "-probe";
    }

    /** The bean the routes' {@code poller} parameter names. */
    default String pollerBean() {
        return name() + "-poller";
    }

    default String pagingBean() {
        return name() + "-paging";
    }
}
