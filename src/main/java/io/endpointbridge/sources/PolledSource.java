package io.endpointbridge.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import io.endpointbridge.assets.AssetPageMapper;
import io.endpointbridge.mapping.TargetSchemaCheck;
import io.endpointbridge.core.Settings;
import io.endpointbridge.polling.ApiHttp;
import io.endpointbridge.polling.ConnectionTest;
import io.endpointbridge.polling.PageFetcher;
import io.endpointbridge.polling.TokenProvider;

/**
 * A polled source, as everything outside its folder sees it: names, where its settings and map are, the key of its
 * records, and how to build its API client, token provider, paging and connection probe. Its routes are
 * {@code routes/<name>.camel.yaml} (the pull and schedule templates with {@code poller: <name>-poller}); its map is
 * {@code mappings/<name>.yaml}. Registered by one line in {@link Sources}: the commands, the HTTP connection test,
 * the metrics, the status and the wiring iterate over the registered sources.
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

    /** The API base URL when {@code <prefix>.base-url} is not set. */
    String defaultBaseUrl();

    /** Its default request timeout, {@code <prefix>.request-timeout-ms}. */
    default int defaultRequestTimeoutMs() {
        return 60000;
    }

    TokenProvider tokens(Settings settings, ApiHttp http, Clock clock);

    PageFetcher fetcher(Settings settings, ApiHttp http, TokenProvider tokens);

    /** The connection test's one small data request and how to judge its answer. */
    ConnectionTest.Probe probe(Settings settings, ApiHttp http);

    /** Its API client from {@code <prefix>.*}; {@code retry = false} for one-shot probes. */
    default ApiHttp http(Settings settings, boolean retry) {
        return ApiHttp.from(settings, prefix(), defaultBaseUrl(), defaultRequestTimeoutMs(), retry);
    }

    /** Its transform map, checked against the schema its records are published with. */
    default AssetPageMapper mapper(Settings settings) throws IOException {
        Path file = settings.path("mappings.dir", "mappings").resolve(mappingFile());
        AssetPageMapper mapper = AssetPageMapper.load(file, assetList(), key -> settings.optional(key).orElse(null));
        TargetSchemaCheck.require(file, mapper.transformMap(), settings.home().resolve("schemas"));
        return mapper;
    }

    /** The five connection checks against this source's API. */
    default java.util.List<ConnectionTest.Step> connectionTest(Settings settings) {
        return ConnectionTest.run(probe(settings, http(settings, false)));
    }

    /** The route that runs one pull (the asset-pull template's {@code direct:<source>-pull}). */
    default String pullEndpoint() {
        return "direct:" + name() + "-pull";
    }

    /** The bean the routes' {@code poller} parameter names. */
    default String pollerBean() {
        return name() + "-poller";
    }
}
