package io.endpointbridge.sources.sesdevices;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.polling.ApiHttp;
import io.endpointbridge.polling.PageFetcher;
import io.endpointbridge.polling.Run;
import io.endpointbridge.polling.TokenProvider;

/** SES {@code GET /v1/devices?offset&limit}: offset paging until {@code offset >= total} (the API has no cursor). */
public class SesDevicesFetcher implements PageFetcher {

    private final ApiHttp http;
    private final TokenProvider tokens;
    private final int pageSize;

    public SesDevicesFetcher(ApiHttp http, TokenProvider tokens, int pageSize) {
        this.http = http;
        this.tokens = tokens;
        this.pageSize = pageSize;
    }

    @Override
    public byte[] fetch(Run run) {
        return http.send("/v1/devices?offset=" + run.offset() + "&limit=" + pageSize,
                builder -> builder.header("Accept", "application/json").GET(), tokens).body();
    }

    @Override
    public void advance(Run run, JsonNode page, int assets) {
        JsonNode total = page.get("total");
        if (total == null || !total.canConvertToLong()) {
            throw new RejectedInputException("page has no numeric 'total'");
        }
        run.pageRead(assets, total.asLong());
    }
}
