package io.endpointbridge.sources.sepmactions;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.endpointbridge.core.Settings;
import io.endpointbridge.kafka.TopicReader;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.CommandTarget;

/**
 * SEPM response actions ({@code sepm.actions.*}): command records on {@code security.commands.sepm.v1} carried out
 * against SEPM once each (EOC scan, quarantine and its release, moving endpoints, fingerprint lists, file upload), every
 * state change a record on {@code security.command-results.v1}; where each command stands is kept in the compacted
 * {@code security.connector.commands.v1}. Same SEPM client, session token and TLS trust as {@code sepm-computers}.
 */
public final class SepmActionsTarget implements CommandTarget {

    @Override
    public String name() {
        return "sepm-actions";
    }

    @Override
    public String prefix() {
        return "sepm.actions";
    }

    @Override
    public Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("kafka.topic.commands", "security.commands.sepm.v1");
        topics.put("kafka.topic.command-results", "security.command-results.v1");
        return topics;
    }

    @Override
    public Map<String, String> tables() {
        return Map.of("kafka.topic.command-state", "security.connector.commands.v1");
    }

    @Override
    public Map<String, Object> beans(Settings settings, ApiCalls api, TopicReader reader, Clock clock) {
        CommandLedger ledger = new CommandLedger(reader, settings.get("kafka.topic.command-state", "security.connector.commands.v1"));
        Set<String> allowed = Arrays.stream(settings.get(prefix() + ".allowed", String.join(",", SepmCommand.ACTIONS)).split(","))
                .map(String::strip).filter(action -> !action.isEmpty()).collect(Collectors.toSet());
        allowed.stream().filter(action -> !SepmCommand.ACTIONS.contains(action)).findFirst().ifPresent(action -> {
            throw new IllegalArgumentException(prefix() + ".allowed names '" + action + "', which is no action (one of "
                    + String.join(", ", SepmCommand.ACTIONS) + ")");
        });
        Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("sepm-actions-intake", new CommandIntake(ledger, allowed, settings.getDuration(prefix() + ".max-age", "24h"),
                settings.getDuration(prefix() + ".deadline", "30m"),
                settings.get("kafka.topic.commands", "security.commands.sepm.v1") + ".dlq", inFlight, clock));
        beans.put("sepm-actions-requests", new ActionRequests(api, clock));
        beans.put("sepm-actions-follow-up", new CommandFollowUp(ledger, api, inFlight, clock));
        return beans;
    }
}
