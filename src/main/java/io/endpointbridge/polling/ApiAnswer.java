package io.endpointbridge.polling;

import java.io.IOException;
import java.io.InputStream;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * How a pull takes its page request's answer ({@code enrich} of {@code direct:<source>-page-request}): the answer's
 * body and status, and what the request route noted in exchange properties (the CSAM page size); or, when the request
 * failed after its retries, that failure phrased for the run record. The request route's own error handling (its
 * retries) stays inside it; the pull's {@code run-failure} handling then sees a failure of its own to act on.
 */
public class ApiAnswer implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange pull, Exchange answer) {
        if (answer.getException() != null) {
            ApiException explained = ApiFailures.explain(answer, answer.getException());
            pull.setException(explained != null ? explained : answer.getException());
            return pull;
        }
        answer.getProperties().forEach((name, value) -> {
            if (!name.startsWith("Camel") && !name.equals(ApiTokenRenewal.RENEWED_PROPERTY)) {
                pull.setProperty(name, value);
            }
        });
        try {
            pull.getMessage().setBody(bytes(answer.getMessage().getBody()));
        } catch (IOException e) {
            pull.setException(e);
            return pull;
        }
        pull.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        return pull;
    }

    /**
     * A streamed answer as its bytes, read once: Camel's cached answer (a byte-array stream) in one exact copy, where
     * its conversion to bytes copied it through a growing buffer (for a page of a megabyte, several arrays the size of
     * G1's half regions: an asset pull at 256 MiB spent its time collecting them).
     */
    private static Object bytes(Object body) throws IOException {
        if (body instanceof InputStream in) {
            try (in) {
                return in.readAllBytes();
            }
        }
        return body;
    }
}
