package io.endpointbridge.polling;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;

/**
 * The connection test of seed 000, in its order: network reachability, TLS handshake, authentication, authorization
 * scope, data fetch. Each step says pass or fail with a reason a person can act on; after a failure the rest are
 * skipped. Nothing secret is printed.
 */
public final class ConnectionTest {

    public enum Outcome { PASS, FAIL, SKIP }

    public record Step(String name, Outcome outcome, String detail) {
    }

    private static final String[] NAMES = {"network reachability", "TLS handshake", "authentication",
        "authorization scope", "data fetch"};

    private ConnectionTest() {
    }

    /**
     * What a source's connection test needs: its base URL and connect timeout, a fresh token provider, a hint for
     * credential failures, one small data request (single attempts), and how to describe (or reject) its answer.
     */
    public record Probe(URI base, Duration connectTimeout, ApiTrust trust, Supplier<TokenProvider> tokens,
                        String credentialHint, String authorizationHint, Supplier<byte[]> fetchOne,
                        Function<byte[], String> describe) {
    }

    public static List<Step> run(Probe probe) {
        URI base = probe.base();
        Duration timeout = probe.connectTimeout();
        List<Step> steps = new ArrayList<>();
        String host = base.getHost();
        int port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            steps.add(pass(0, host + ":" + port + " accepts connections"));
        } catch (IOException e) {
            steps.add(fail(0, "cannot connect to " + host + ":" + port + " (" + e.getClass().getSimpleName()
                    + "): check the base URL, DNS and outbound " + ("https".equals(base.getScheme()) ? "HTTPS" : "HTTP")
                    + " (port " + port + ") from this host"));
            return skipRest(steps);
        }
        if ("https".equals(base.getScheme())) {
            try {
                steps.add(pass(1, CertificateCheck.handshake(host, port, timeout, probe.trust())));
            } catch (IOException e) {
                steps.add(fail(1, e.getMessage()));
                return skipRest(steps);
            }
        } else {
            steps.add(new Step(NAMES[1], Outcome.SKIP, "not applicable: the base URL is plain http"));
        }
        try {
            probe.tokens().get().token();
            steps.add(pass(2, "access token issued"));
        } catch (ApiException e) {
            // only a refusal of the credentials points at them; a wrong host or path says so itself
            steps.add(fail(2, e.getMessage() + (e.check() == ApiException.Check.AUTHENTICATION
                    ? ": " + probe.credentialHint() : "")));
            return skipRest(steps);
        }
        byte[] page;
        try {
            page = probe.fetchOne().get();
            steps.add(pass(3, "data request allowed"));
        } catch (ApiException e) {
            String hint = e.check() == ApiException.Check.AUTHORIZATION ? ": " + probe.authorizationHint() : "";
            steps.add(fail(3, e.getMessage() + hint));
            return skipRest(steps);
        }
        try {
            steps.add(pass(4, probe.describe().apply(page)));
        } catch (RejectedInputException e) {
            steps.add(fail(4, e.getMessage()));
        }
        return steps;
    }

    /** Every check ran and none failed (TLS is skipped, not failed, for a plain-http base URL). */
    public static boolean allPassed(List<Step> steps) {
        return steps.size() == NAMES.length && steps.stream().noneMatch(step -> step.outcome() == Outcome.FAIL);
    }

    public static String text(List<Step> steps) {
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            out.append(String.format("%-4s  %-20s  %s%n", step.outcome(), step.name(), step.detail()));
        }
        return out.toString();
    }

    public static ObjectNode json(List<Step> steps) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("passed", allPassed(steps));
        ArrayNode list = json.putArray("checks");
        steps.forEach(step -> list.addObject().put("check", step.name()).put("outcome", step.outcome().name())
                .put("detail", step.detail()));
        return json;
    }

    private static Step pass(int index, String detail) {
        return new Step(NAMES[index], Outcome.PASS, detail);
    }

    private static Step fail(int index, String detail) {
        return new Step(NAMES[index], Outcome.FAIL, detail);
    }

    private static List<Step> skipRest(List<Step> steps) {
        for (int i = steps.size(); i < NAMES.length; i++) {
            steps.add(new Step(NAMES[i], Outcome.SKIP, "not run after the failure above"));
        }
        return steps;
    }
}
