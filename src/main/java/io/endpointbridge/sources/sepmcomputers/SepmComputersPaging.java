package io.endpointbridge.sources.sepmcomputers;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.polling.Paging;
import io.endpointbridge.polling.Run;

/**
 * SEPM {@code GET /sepm/api/v1/computers?pageIndex&pageSize&sort=COMPUTER_ID}: page numbers from 1 (the route asks for
 * the run's {@code nextPage}) until the page says {@code lastPage}; {@code totalElements} is what a complete run reads.
 */
public class SepmComputersPaging implements Paging {

    @Override
    public void advance(Run run, JsonNode page, int assets) {
        JsonNode total = page.get("totalElements");
        JsonNode last = page.get("lastPage");
        if (total == null || !total.canConvertToLong()) {
            throw new RejectedInputException("page has no numeric 'totalElements'");
        }
        if (last == null || !last.isBoolean()) {
            throw new RejectedInputException("page has no 'lastPage' true or false");
        }
        run.pageRead(assets, total.asLong(), !last.asBoolean());
    }
}
