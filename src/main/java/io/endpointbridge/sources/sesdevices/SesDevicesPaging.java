package io.endpointbridge.sources.sesdevices;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.polling.Paging;
import io.endpointbridge.polling.Run;

/** SES {@code GET /v1/devices?offset&limit}: offset paging until {@code offset >= total} (the API has no cursor). */
public class SesDevicesPaging implements Paging {

    @Override
    public void advance(Run run, JsonNode page, int assets) {
        JsonNode total = page.get("total");
        if (total == null || !total.canConvertToLong()) {
            throw new RejectedInputException("page has no numeric 'total'");
        }
        run.pageRead(assets, total.asLong());
    }
}
