package io.endpointbridge.polling;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code api-retry} redelivery of a 401: the access token may have ended early (revoked, clock skew), so the
 * source's token is fetched again once and the request repeated with it. A second 401 fails the request.
 */
public class ApiTokenRenewal implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenRenewal.class);
    /** Why the renewal got no token: the request's failure as the run reports it. */
    static final String TOKEN_FAILURE_PROPERTY = "apiTokenFailure";

    @Override
    public void process(Exchange exchange) {
        String prefix = exchange.getProperty(ApiRetry.API_PROPERTY, String.class);
        TokenProvider tokens = exchange.getContext().getRegistry()
                .lookupByNameAndType(TokenProvider.beanName(prefix), TokenProvider.class);
        LOG.info("{}: 401, renewing the access token once",
                ApiFailures.path(exchange, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
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
