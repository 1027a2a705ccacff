package io.endpointbridge.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * With {@code http.auth-token} set, every request to the status server and the management server must carry
 * {@code Authorization: Bearer <token>}, except the liveness and readiness probes (an orchestrator's probe carries
 * no secret; they answer UP or DOWN and why, nothing of the data). Camel's own server security offers basic auth and JWT, not a static bearer token:
 * this is one Vert.x handler put in front of each server's routes. The token is compared in constant time and never
 * logged.
 */
public final class HttpAuth {

    static final Set<String> PROBES = Set.of("/observe/health/live", "/observe/health/ready");

    private HttpAuth() {
    }

    /** Guards the servers on these ports once they run; nothing to do without a token. */
    public static void install(CamelContext context, String token, List<Integer> ports) throws Exception {
        Handler<RoutingContext> check = check(token);
        // the servers are services of the context: started, with their routers registered, before the routes are
        context.addStartupListener((camel, alreadyStarted) -> {
            for (int port : ports) {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel,
                        VertxPlatformHttpRouter.getRouterNameFromPort(port));
                if (router == null) {
                    throw new IllegalStateException("http.auth-token: no HTTP server on port " + port + " to protect");
                }
                router.route().order(Integer.MIN_VALUE).handler(check);
            }
        });
    }

    static Handler<RoutingContext> check(String token) {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return request -> {
            String given = request.request().getHeader("Authorization");
            if (PROBES.contains(request.normalizedPath()) || given != null
                    && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                request.next();
            } else {
                request.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                        .putHeader("Content-Type", "text/plain").end("401 Unauthorized: send Authorization: Bearer <http.auth-token>\n");
            }
        };
    }
}
