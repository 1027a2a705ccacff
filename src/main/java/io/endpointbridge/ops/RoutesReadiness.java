package io.endpointbridge.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.endpointbridge.core.ReadinessCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Readiness: DOWN while a route that ran is not running: gone after a route reload that did not bring it back, or
 * stopped. The routes that must run are those that started, with the application or later (a reload that adds one);
 * a route its {@code autoStartup} setting leaves out never started and is not among them. The message names
 * each route and its file, so a broken edit under reload is seen at once instead of behind a healthy face.
 */
public class RoutesReadiness extends ReadinessCheck {

    /** Route id to the file it came from. */
    private final Map<String, String> mustRun = new ConcurrentHashMap<>();

    public RoutesReadiness() {
        super("routes-running");
    }

    /** Every route that starts (with the application, or added by a reload) must run from then on. */
    public EventNotifierSupport startedRoutes() {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                Route route = ((CamelEvent.RouteStartedEvent) event).getRoute();
                mustRun.put(route.getRouteId(), source(route));
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.RouteStartedEvent;
            }
        };
        notifier.setIgnoreExchangeEvents(true);
        return notifier;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CamelContext context = getCamelContext();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> route : Set.copyOf(mustRun.entrySet())) {
            ServiceStatus status = context.getRouteController().getRouteStatus(route.getKey());
            if (status == null) {
                problems.add(route.getKey() + " (" + route.getValue() + ") is gone");
            } else if (status != ServiceStatus.Started) {
                problems.add(route.getKey() + " (" + route.getValue() + ") is " + status);
            }
        }
        builder.detail("routes", mustRun.size());
        if (problems.isEmpty()) {
            builder.up();
        } else {
            problems.sort(null);
            builder.message("routes that ran are not running: " + String.join("; ", problems)
                    + " (after a route reload: fix the file, or restart to accept a route's removal)").down();
        }
    }

    private static String source(Route route) {
        String location = route.getSourceLocationShort();
        return location == null ? "no file" : location;
    }
}
