package io.endpointbridge.sources.csamassets;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.polling.ApiException;
import io.endpointbridge.polling.ApiHttp;
import io.endpointbridge.polling.PageFetcher;
import io.endpointbridge.polling.Run;
import io.endpointbridge.polling.TokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSAM {@code POST /rest/2.0/search/am/asset}: cursor paging with {@code lastSeenAssetId} while {@code hasMore} is 1;
 * 204 means nothing more; {@code responseCode: FAILED} on a 200 is an error with the server's message; 416 halves the
 * page size and asks again. An optional tag filter goes in the request body.
 */
public class CsamAssetsFetcher implements PageFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(CsamAssetsFetcher.class);

    private final ApiHttp http;
    private final TokenProvider tokens;
    private final int initialPageSize;
    private final String body;
    private final String fieldQuery;
    private volatile int pageSize;

    public CsamAssetsFetcher(ApiHttp http, TokenProvider tokens, int pageSize, List<String> tags,
                             String includeFields, String excludeFields) {
        this.http = http;
        this.tokens = tokens;
        this.initialPageSize = pageSize;
        this.pageSize = pageSize;
        this.body = filter(tags);
        this.fieldQuery = param("includeFields", includeFields) + param("excludeFields", excludeFields);
    }

    /** The request body: one tag-name filter per configured tag, or none. */
    static String filter(List<String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        ArrayNode filters = request.putArray("filters");
        tags.forEach(tag -> filters.addObject().put("field", "tags.name").put("operator", "EQUALS").put("value", tag));
        return request.toString();
    }

    @Override
    public byte[] fetch(Run run) {
        if (run.pages() == 0) {
            pageSize = initialPageSize;
        }
        while (true) {
            String path = "/rest/2.0/search/am/asset?pageSize=" + pageSize
                    + (run.cursor() == null ? "" : "&lastSeenAssetId=" + URLEncoder.encode(run.cursor(), StandardCharsets.UTF_8))
                    + fieldQuery;
            try {
                HttpResponse<byte[]> response = http.send(path, builder -> builder
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)),
                        tokens);
                return response.statusCode() == 204 ? null : response.body();
            } catch (ApiException e) {
                if (e.status() != 416 || pageSize == 1) {
                    throw e;
                }
                pageSize = Math.max(1, pageSize / 2);
                LOG.warn("CSAM refused the page size (416); asking again with pageSize={}", pageSize);
            }
        }
    }

    @Override
    public void check(JsonNode page) {
        String code = page.path("responseCode").asText("");
        if (!"SUCCESS".equals(code)) {
            throw new ApiException(ApiException.Check.DATA, "CSAM answered responseCode " + (code.isEmpty() ? "(none)" : code)
                    + ": " + page.path("responseMessage").asText("no message"));
        }
    }

    @Override
    public void advance(Run run, JsonNode page, int assets) {
        boolean more = page.path("hasMore").asInt(0) == 1;
        JsonNode last = page.get("lastSeenAssetId");
        if (more && (last == null || last.asText().isEmpty())) {
            throw new RejectedInputException("page says hasMore but gives no lastSeenAssetId");
        }
        run.pageRead(assets, last == null ? null : last.asText(), more);
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + URLEncoder.encode(value.trim(), StandardCharsets.UTF_8);
    }
}
