package io.endpointbridge.polling;

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
        pull.getMessage().setBody(answer.getMessage().getBody());
        pull.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        return pull;
    }
}
