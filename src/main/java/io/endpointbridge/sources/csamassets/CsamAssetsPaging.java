package io.endpointbridge.sources.csamassets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.polling.ApiException;
import io.endpointbridge.polling.AssetPoller;
import io.endpointbridge.polling.Paging;
import io.endpointbridge.polling.Run;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSAM {@code POST /rest/2.0/search/am/asset} paging, as {@code csam-assets-page-request} uses it: cursor paging with
 * {@code lastSeenAssetId} while {@code hasMore} is 1; {@code responseCode: FAILED} on a 200 is an error with the
 * server's message; an optional tag filter is the request body. As the 416 redelivery processor it halves the run's
 * page size ({@code csamPageSize} property) and sets the query again.
 */
public class CsamAssetsPaging implements Paging, Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CsamAssetsPaging.class);
    static final String PAGE_SIZE_PROPERTY = "csamPageSize";

    private final int initialPageSize;
    private final String filter;
    private final String fieldQuery;

    public CsamAssetsPaging(int pageSize, List<String> tags, String includeFields, String excludeFields) {
        this.initialPageSize = pageSize;
        this.filter = tagFilter(tags);
        this.fieldQuery = param("includeFields", includeFields) + param("excludeFields", excludeFields);
    }

    /** The request body: one tag-name filter per configured tag, or none. */
    static String tagFilter(List<String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        ArrayNode filters = request.putArray("filters");
        tags.forEach(tag -> filters.addObject().put("field", "tags.name").put("operator", "EQUALS").put("value", tag));
        return request.toString();
    }

    /** The body of every page request. */
    public String filter() {
        return filter;
    }

    /** The query of the run's next page request. */
    public String query(Exchange exchange) {
        int pageSize = exchange.getProperty(PAGE_SIZE_PROPERTY, initialPageSize, Integer.class);
        exchange.setProperty(PAGE_SIZE_PROPERTY, pageSize);
        Run run = exchange.getProperty(AssetPoller.RUN_PROPERTY, Run.class);
        String cursor = run == null ? null : run.cursor();
        return "pageSize=" + pageSize
                + (cursor == null ? "" : "&lastSeenAssetId=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                + fieldQuery;
    }

    /** CSAM refused the page size (416): half of it, asked again. */
    @Override
    public void process(Exchange exchange) {
        int half = Math.max(1, exchange.getProperty(PAGE_SIZE_PROPERTY, initialPageSize, Integer.class) / 2);
        exchange.setProperty(PAGE_SIZE_PROPERTY, half);
        LOG.warn("CSAM refused the page size (416); asking again with pageSize={}", half);
        exchange.getIn().setHeader(Exchange.HTTP_QUERY, query(exchange));
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
