package io.endpointbridge.sources.sepmactions;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.ApiException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each action's route asks of SEPM and what it makes of the answer: the targets resolved to what SEPM takes
 * (names and hardware keys to computer ids; for a move, ids and names to hardware keys; a group path to its id), the
 * request's query and body, and the result the answer gives (submitted with SEPM's command ids, or, for the actions
 * SEPM carries out at once, completed or failed). The HTTP requests themselves are the routes of
 * {@code routes/sepm-actions.camel.yaml}; every one is logged here with the command, action, target count and SEPM id.
 */
public final class ActionRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ActionRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiCalls api;
    private final Clock clock;

    ActionRequests(ApiCalls api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /**
     * The command's endpoints as SEPM computer ids ({@code computerIds}, comma separated) or, for a move, hardware keys
     * ({@code hardwareKeys}); its groups as {@code groupIds}. A name that matches no computer, or more than one, is
     * refused: a command is never carried out on a guess.
     */
    public void resolve(Exchange exchange) {
        SepmCommand command = command(exchange);
        boolean byHardwareKey = command.action().equals("move-endpoint");
        Set<String> ids = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        if (byHardwareKey) {
            keys.addAll(command.targets().hardwareKeys());
            for (String id : command.targets().computerIds()) {
                keys.add(one("computer_id", id, null).path("hardwareKey").asText());
            }
        } else {
            ids.addAll(command.targets().computerIds());
            for (String key : command.targets().hardwareKeys()) {
                ids.add(one("hardware_key", key, null).path("uniqueId").asText());
            }
        }
        for (String name : command.targets().computerNames()) {
            JsonNode computer = one("computerName", name, name);
            ids.add(computer.path("uniqueId").asText());
            keys.add(computer.path("hardwareKey").asText());
        }
        ObjectNode result = exchange.getProperty(CommandIntake.RESULT, ObjectNode.class);
        ObjectNode resolved = result.putObject("resolved");
        if (byHardwareKey) {
            resolved.set("hardwareKeys", CommandResults.strings(List.copyOf(keys)));
        } else {
            resolved.set("computerIds", CommandResults.strings(List.copyOf(ids)));
        }
        if (!command.targets().groupIds().isEmpty()) {
            resolved.set("groupIds", CommandResults.strings(command.targets().groupIds()));
        }
        exchange.setProperty("computerIds", String.join(",", ids));
        exchange.setProperty("hardwareKeys", List.copyOf(keys));
        exchange.setProperty("groupIds", String.join(",", command.targets().groupIds()));
        exchange.setProperty("targetCount", byHardwareKey ? keys.size() : ids.size() + command.targets().groupIds().size());
    }

    /** The one computer a query finds; a name compared exactly (SEPM's own match is by wildcard and case-blind). */
    private JsonNode one(String parameter, String value, String exactName) {
        byte[] answer = api.call("direct:sepm-actions-find-computers", request -> request.setProperty("sepmQuery",
                parameter + "=" + encode(value)));
        List<JsonNode> found = new ArrayList<>();
        read(answer).path("content").forEach(computer -> {
            if (exactName == null || exactName.equalsIgnoreCase(computer.path("computerName").asText())) {
                found.add(computer);
            }
        });
        String what = (exactName != null ? "computer name " : parameter.replace('_', ' ') + " ") + value;
        if (found.isEmpty()) {
            throw new SepmCommand.Refused("unknown target: SEPM has no computer with " + what);
        }
        if (found.size() > 1) {
            List<String> ids = found.stream().map(c -> c.path("uniqueId").asText()).toList();
            throw new SepmCommand.Refused("ambiguous target: " + found.size() + " computers have " + what + " ("
                    + String.join(", ", ids) + "): name one by computerIds");
        }
        return found.get(0);
    }

    /** {@code undo} for the quarantine request: false to quarantine, true to release. */
    public void quarantine(Exchange exchange) {
        exchange.setProperty("undo", command(exchange).action().equals("unquarantine-endpoints"));
    }

    /**
     * The EOC scan's XML (SEPM's "Evidence of Compromise" format, as the IBM and Splunk integrations send it): the
     * command id as the scan's id, its reason as the description, the file by path and hash, REMEDIATE on request.
     */
    public void eocScan(Exchange exchange) {
        SepmCommand command = command(exchange);
        StringBuilder xml = new StringBuilder("<EOC creator=\"endpoint-bridge\" version=\"1.1\" id=\"")
                .append(xml(command.commandId())).append("\">")
                .append("<DataSource name=\"Third-Party Provider\" id=\"1\" version=\"1.0\"/>")
                .append("<ScanType>").append(command.scanType()).append("</ScanType>")
                .append("<Threat category=\"\" type=\"\" severity=\"\" time=\"\"><Description>")
                .append(xml(command.reason() == null ? "endpoint-bridge command " + command.commandId() : command.reason()))
                .append("</Description><URL/><User/><Attacker/></Threat>")
                .append("<Activity><OS id=\"0\" name=\"\" version=\"\"><Files><File name=\"")
                .append(xml(command.filePath() == null ? "" : command.filePath())).append("\" action=\"create\">");
        if (command.fileHash() != null) {
            xml.append("<Hash name=\"").append(command.hashType()).append("\" value=\"").append(command.fileHash()).append("\"/>");
        }
        xml.append("</File></Files></OS></Activity>");
        if (command.remediate()) {
            xml.append("<RemediationAction>REMEDIATE</RemediationAction>");
        }
        xml.append("</EOC>");
        exchange.getMessage().setBody(xml.toString());
    }

    /** The upload's query: the one computer, the file's path and, when the command names it, its hash. */
    public void uploadFile(Exchange exchange) {
        SepmCommand command = command(exchange);
        StringBuilder query = new StringBuilder("computer_ids=").append(exchange.getProperty("computerIds", String.class))
                .append("&file_path=").append(encode(command.filePath())).append("&source=FILESYSTEM");
        if (command.fileHash() != null) {
            query.append('&').append(command.hashType().toLowerCase(java.util.Locale.ROOT)).append('=').append(command.fileHash());
        }
        exchange.setProperty("uploadQuery", query.toString());
    }

    /** SEPM's answer to a command-queue request: its command ids make the {@code submitted} result. */
    public void submitted(Exchange exchange) {
        JsonNode answer = read(exchange.getMessage().getBody(byte[].class));
        List<String> sepmIds = new ArrayList<>();
        for (String field : List.of("commandID_computer", "commandID_group", "commandID")) {
            if (answer.hasNonNull(field) && !answer.get(field).asText().isBlank()) {
                sepmIds.add(answer.get(field).asText());
            }
        }
        if (sepmIds.isEmpty()) {
            throw new ApiException(ApiException.Check.DATA, "SEPM accepted the request but named no command id: " + answer);
        }
        ObjectNode last = exchange.getProperty(CommandIntake.RESULT, ObjectNode.class);
        ObjectNode result = CommandResults.next(last, "submitted", null, clock.instant());
        result.set("sepmCommandIds", CommandResults.strings(sepmIds));
        audit(exchange, result, String.join(",", sepmIds));
        CommandIntake.publish(exchange, result);
    }

    /** A move's target group: by id, or its full path looked up ({@code My Company\Servers}). */
    public void moveEndpoint(Exchange exchange) {
        SepmCommand command = command(exchange);
        String groupId = command.groupId();
        if (groupId == null) {
            byte[] answer = api.call("direct:sepm-actions-find-group", request -> request.setProperty("sepmQuery",
                    "fullPathName=" + encode(command.groupPath()) + "&mode=list"));
            List<String> found = new ArrayList<>();
            read(answer).path("content").forEach(group -> {
                if (command.groupPath().equalsIgnoreCase(group.path("fullPathName").asText())) {
                    found.add(group.path("id").asText());
                }
            });
            if (found.size() != 1) {
                throw new SepmCommand.Refused((found.isEmpty() ? "unknown group: SEPM has no group " : "ambiguous group: ")
                        + command.groupPath());
            }
            groupId = found.get(0);
        }
        ArrayNode body = JSON.createArrayNode();
        @SuppressWarnings("unchecked")
        List<String> keys = exchange.getProperty("hardwareKeys", List.class);
        for (String key : keys) {
            body.addObject().put("hardwareKey", key).putObject("group").put("id", groupId);
        }
        ((ObjectNode) exchange.getProperty(CommandIntake.RESULT, ObjectNode.class).get("resolved")).put("groupId", groupId);
        exchange.getMessage().setBody(body.toString());
    }

    /** SEPM moves at once: its answer, one {responseCode, responseMessage} per computer, is the result. */
    public void moved(Exchange exchange) {
        JsonNode answer = read(exchange.getMessage().getBody(byte[].class));
        boolean ok = answer.isArray() && answer.size() > 0;
        for (JsonNode each : answer) {
            ok &= "200".equals(each.path("responseCode").asText());
        }
        ObjectNode last = exchange.getProperty(CommandIntake.RESULT, ObjectNode.class);
        ObjectNode result = CommandResults.next(last, ok ? "completed" : "failed",
                ok ? null : "SEPM did not move every computer: " + answer, clock.instant());
        result.set("response", answer);
        audit(exchange, result, "-");
        CommandIntake.publish(exchange, result);
    }

    /**
     * The fingerprint list the command names: by id, or by name in its domain ({@code fingerprintListId}; empty when
     * there is none by that name yet, which only fingerprint-list-add may create).
     */
    public void findFingerprintList(Exchange exchange) {
        SepmCommand command = command(exchange);
        exchange.setProperty("fingerprintListId", "");
        exchange.setProperty("fingerprintListData", List.of());
        try {
            byte[] answer = command.fingerprintListId() != null
                    ? api.call("direct:sepm-actions-fingerprint-get", request -> request.setProperty("fingerprintListId",
                            command.fingerprintListId()))
                    : api.call("direct:sepm-actions-fingerprint-find", request -> request.setProperty("sepmQuery",
                            "name=" + encode(command.listName()) + "&domainId=" + encode(command.domainId())));
            JsonNode list = read(answer);
            if (list.hasNonNull("id")) {
                List<String> data = new ArrayList<>();
                list.path("data").forEach(hash -> data.add(hash.isObject() ? hash.elements().next().asText() : hash.asText()));
                exchange.setProperty("fingerprintListId", list.get("id").asText());
                exchange.setProperty("fingerprintListData", data);
                exchange.setProperty("fingerprintListName", list.path("name").asText(command.listName()));
            }
        } catch (ApiException e) {
            if (e.status() != 404 && e.status() != 410) {
                throw e;
            }
        }
        if (exchange.getProperty("fingerprintListId", String.class).isEmpty() && !command.action().equals("fingerprint-list-add")) {
            throw new SepmCommand.Refused("unknown fingerprint list: "
                    + (command.fingerprintListId() != null ? command.fingerprintListId() : command.listName() + " in domain " + command.domainId()));
        }
    }

    /**
     * The list's new content: for add, the list's hashes and the command's (a new list: the command's); for update, the
     * command's alone. SEPM's body: {name, description, domainId, hashType, data}.
     */
    public void fingerprintList(Exchange exchange) {
        SepmCommand command = command(exchange);
        Set<String> data = new LinkedHashSet<>();
        if (command.action().equals("fingerprint-list-add")) {
            @SuppressWarnings("unchecked")
            List<String> existing = exchange.getProperty("fingerprintListData", List.class);
            existing.forEach(hash -> data.add(hash.toUpperCase(java.util.Locale.ROOT)));
        }
        command.hashes().forEach(hash -> data.add(hash.toUpperCase(java.util.Locale.ROOT)));
        ObjectNode body = JSON.createObjectNode();
        body.put("name", exchange.getProperty("fingerprintListName", command.listName(), String.class));
        body.put("description", command.reason() == null ? "endpoint-bridge command " + command.commandId() : command.reason());
        if (command.domainId() != null) {
            body.put("domainId", command.domainId());
        }
        body.put("hashType", SepmCommand.hashType(command.hashes().get(0)));
        data.forEach(body.putArray("data")::add);
        exchange.getMessage().setBody(body.toString());
    }

    /** A fingerprint-list action SEPM carried out at once: completed, with the list's id. */
    public void fingerprintListDone(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        JsonNode answer = body == null || body.length == 0 ? JSON.createObjectNode() : read(body);
        String id = answer.hasNonNull("id") ? answer.get("id").asText() : exchange.getProperty("fingerprintListId", String.class);
        ObjectNode last = exchange.getProperty(CommandIntake.RESULT, ObjectNode.class);
        ObjectNode result = CommandResults.next(last, "completed", null, clock.instant());
        result.putObject("response").put("fingerprintListId", id);
        audit(exchange, result, id);
        CommandIntake.publish(exchange, result);
    }

    private static void audit(Exchange exchange, ObjectNode result, String sepmId) {
        LOG.info("sepm-actions: command {} {} on {} targets: SEPM {} -> {}", result.get("commandId").asText(),
                result.path("action").asText(), exchange.getProperty("targetCount", 0, Integer.class), sepmId,
                result.get("state").asText());
    }

    private static SepmCommand command(Exchange exchange) {
        return exchange.getProperty(CommandIntake.COMMAND, SepmCommand.class);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static JsonNode read(byte[] body) {
        try {
            return body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(ApiException.Check.DATA, "SEPM's answer is not JSON: " + e.getMessage());
        }
    }
}
