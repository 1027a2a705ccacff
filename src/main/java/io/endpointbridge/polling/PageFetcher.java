package io.endpointbridge.polling;

import com.fasterxml.jackson.databind.JsonNode;

/** How one polled API pages: which page to ask for next, and what a page says about the rest. */
public interface PageFetcher {

    /** The raw body of the next page of {@code run}, or null when the API says there is nothing more. */
    byte[] fetch(Run run);

    /** Rejects a page the API marks as an error before its assets are read (nothing to check by default). */
    default void check(JsonNode page) {
    }

    /** Reads the paging facts of a parsed page into the run (assets seen, total or cursor, whether more follow). */
    void advance(Run run, JsonNode page, int assets);
}
