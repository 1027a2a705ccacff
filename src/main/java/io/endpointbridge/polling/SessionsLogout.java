package io.endpointbridge.polling;

import java.util.List;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the polled APIs' sessions out when the application stops: on Camel's "stopping" event, which comes before the
 * routes stop, so a source's logout route still runs. A logout that fails is a warning; the session then expires.
 */
public final class SessionsLogout extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SessionsLogout.class);

    private final List<TokenProvider> sessions;

    public SessionsLogout(List<TokenProvider> sessions) {
        this.sessions = List.copyOf(sessions);
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        for (TokenProvider session : sessions) {
            try {
                session.release();
            } catch (RuntimeException e) {
                LOG.warn("logout at shutdown failed ({}); the session expires on its own", e.getMessage());
            }
        }
    }
}
