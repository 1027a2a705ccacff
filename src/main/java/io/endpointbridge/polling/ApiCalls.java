package io.endpointbridge.polling;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Calls a source's HTTP route from Java (its token request, the connection test's probe) and returns the answer's
 * body; a failure comes back phrased by {@link ApiFailures}. A probing instance makes every call a single attempt.
 */
public final class ApiCalls {

    private final CamelContext context;
    private final boolean probe;
    private ProducerTemplate template;

    public ApiCalls(CamelContext context) {
        this(context, false);
    }

    private ApiCalls(CamelContext context, boolean probe) {
        this.context = context;
        this.probe = probe;
    }

    /** The same calls, each one attempt only (the connection test must answer quickly). */
    public ApiCalls probing() {
        return new ApiCalls(context, true);
    }

    /** The body of the route's answer; empty for an answer without one (204). */
    public byte[] call(String endpoint, Consumer<Exchange> request) {
        Exchange answer = template().send(endpoint, exchange -> {
            if (probe) {
                exchange.setProperty(ApiRetry.PROBE_PROPERTY, true);
            }
            request.accept(exchange);
        });
        if (answer.getException() != null) {
            throw ApiFailures.explain(answer);
        }
        byte[] body = answer.getMessage().getBody(byte[].class);
        return body == null ? new byte[0] : body;
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }
}
