package io.endpointbridge.polling;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code api-retry} redelivery of a 401: the access token may have ended early (revoked, clock skew), so the
 * source's token is fetched again once and the request repeated with it. A second 401 fails the request. Once per
 * request, not per redelivery count: a request that was throttled first (429) still gets its renewal.
 */
public class ApiTokenRenewal implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenRenewal.class);
    /** Why the renewal got no token: the request's failure as the run reports it. */
    static final String TOKEN_FAILURE_PROPERTY = "apiTokenFailure";
    /** Set on a request whose token was renewed; never copied back to the pull (see {@link ApiAnswer}). */
    static final String RENEWED_PROPERTY = "apiTokenRenewed";

    /** Whether this request may still renew its token (the 401 rule's retryWhile). */
    public boolean notYetRenewed(Exchange exchange) {
        return !exchange.getProperty(RENEWED_PROPERTY, false, Boolean.class);
    }

    @Override
    public void process(Exchange exchange) {
        String prefix = exchange.getProperty(ApiRetry.API_PROPERTY, String.class);
        TokenProvider tokens = exchange.getContext().getRegistry()
                .lookupByNameAndType(TokenProvider.beanName(prefix), TokenProvider.class);
        LOG.info("{}: 401, renewing the access token once",
                ApiFailures.path(exchange, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        exchange.setProperty(RENEWED_PROPERTY, true);
        tokens.invalidate();
        try {
            exchange.getIn().setHeader("Authorization", tokens.bearer());
        } catch (ApiException refused) {
            // the request goes again without a token and fails; the run then reports why there was none
            exchange.getIn().removeHeader("Authorization");
            exchange.setProperty(TOKEN_FAILURE_PROPERTY, refused);
        }
    }
}
