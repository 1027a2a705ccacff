package io.endpointbridge.polling;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a polled API's pages say about the rest (its request is the source's {@code <name>-page-request} route): a
 * page the API marks as an error is rejected before its assets are read, and its paging facts go into the run.
 */
public interface Paging {

    /** Rejects a page the API marks as an error (nothing to check by default). */
    default void check(JsonNode page) {
    }

    /** Reads the paging facts of a page into the run (assets seen, total or cursor, whether more follow). */
    void advance(Run run, JsonNode page, int assets);
}
