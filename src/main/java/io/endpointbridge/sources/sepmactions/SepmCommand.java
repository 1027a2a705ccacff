package io.endpointbridge.sources.sepmactions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One command record of {@code security.commands.sepm.v1} (schemas/sepm-command.v1.json), checked: its id, its
 * action, who asked and why, and what the action needs. A command that cannot be carried out as written is refused
 * here with the reason ({@link Refused}), before anything reaches SEPM.
 */
record SepmCommand(String commandId, String action, String requestedBy, String reason, Instant requestedAt,
                   Targets targets, String fileHash, String hashType, String filePath, String scanType, boolean remediate,
                   String groupId, String groupPath, String listName, String fingerprintListId, String domainId,
                   List<String> hashes, JsonNode raw) {

    static final List<String> ACTIONS = List.of("quarantine-endpoints", "unquarantine-endpoints", "eoc-scan",
            "move-endpoint", "fingerprint-list-add", "fingerprint-list-update", "fingerprint-list-delete",
            "fingerprint-list-assign", "upload-file");

    /** The endpoints a command names, as written: SEPM computer ids, hardware keys, computer names, group ids. */
    record Targets(List<String> computerIds, List<String> hardwareKeys, List<String> computerNames, List<String> groupIds) {

        int count() {
            return computerIds.size() + hardwareKeys.size() + computerNames.size() + groupIds.size();
        }

        boolean endpoints() {
            return !computerIds.isEmpty() || !hardwareKeys.isEmpty() || !computerNames.isEmpty();
        }
    }

    /** Why a command is refused; its text goes into the {@code rejected} result. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern SEPM_ID = Pattern.compile("[0-9A-Fa-f]{32}");

    /** The command's id, or null when it has none (such a record can only be a dead letter). */
    static String idOf(JsonNode raw) {
        JsonNode id = raw == null ? null : raw.get("commandId");
        return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText().strip() : null;
    }

    /**
     * The command, checked against what is allowed now; throws {@link Refused}. {@code requestedAt} is the command
     * record's Kafka timestamp.
     */
    static SepmCommand parse(JsonNode raw, Instant requestedAt, Set<String> allowed, Duration maxAge, Instant now) {
        String id = idOf(raw);
        String action = text(raw, "action");
        if (action == null) {
            throw new Refused("no action (one of " + String.join(", ", ACTIONS) + ")");
        }
        if (!ACTIONS.contains(action)) {
            throw new Refused("unknown action '" + action + "' (one of " + String.join(", ", ACTIONS) + ")");
        }
        if (!allowed.contains(action)) {
            throw new Refused("action '" + action + "' is not allowed here (sepm.actions.allowed)");
        }
        if (requestedAt != null && requestedAt.isBefore(now.minus(maxAge))) {
            throw new Refused("the command was written at " + requestedAt + ", longer ago than sepm.actions.max-age ("
                    + maxAge + "): not carried out");
        }
        List<String> computerIds = list(raw, "computerIds");
        // upload-file names its one endpoint as computerId (the and the peers' name); any action may
        String computerId = text(raw, "computerId");
        if (computerId != null && !computerIds.contains(computerId)) {
            computerIds.add(computerId);
        }
        Targets targets = new Targets(computerIds, list(raw, "hardwareKeys"), list(raw, "computerNames"),
                list(raw, "groupIds"));
        String fileHash = text(raw, "fileHash");
        String hashType = fileHash == null ? null : hashType(fileHash);
        List<String> hashes = list(raw, "hashes");
        SepmCommand command = new SepmCommand(id, action, text(raw, "requestedBy"), text(raw, "reason"), requestedAt,
                targets, fileHash == null ? null : fileHash.toLowerCase(Locale.ROOT), hashType, text(raw, "filePath"),
                text(raw, "scanType") == null ? "QUICK_SCAN" : text(raw, "scanType").toUpperCase(Locale.ROOT),
                raw.path("remediate").asBoolean(false), text(raw, "groupId"), text(raw, "groupPath"), text(raw, "name"),
                text(raw, "fingerprintListId"), text(raw, "domainId"), hashes, raw);
        command.check();
        return command;
    }

    private void check() {
        switch (action) {
            case "quarantine-endpoints", "unquarantine-endpoints" -> requireEndpoints(false);
            case "eoc-scan" -> {
                requireEndpoints(true);
                if (fileHash == null && filePath == null) {
                    throw new Refused("eoc-scan needs fileHash and/or filePath");
                }
                if (!scanType.equals("QUICK_SCAN") && !scanType.equals("FULL_SCAN")) {
                    throw new Refused("scanType '" + scanType + "' is neither QUICK_SCAN nor FULL_SCAN");
                }
            }
            case "move-endpoint" -> {
                requireEndpoints(false);
                if (groupId == null && groupPath == null) {
                    throw new Refused("move-endpoint needs groupId or groupPath (My Company\\\\Servers)");
                }
            }
            case "fingerprint-list-add", "fingerprint-list-update" -> {
                requireList();
                if (hashes.isEmpty()) {
                    throw new Refused(action + " needs hashes");
                }
                String type = null;
                for (String hash : hashes) {
                    String each = hashType(hash);
                    if (!each.equals("MD5") && !each.equals("SHA256")) {
                        throw new Refused("fingerprint lists take MD5 or SHA-256 hashes, not " + each + ": " + hash);
                    }
                    if (type != null && !type.equals(each)) {
                        throw new Refused("a fingerprint list holds one hash type: MD5 and SHA-256 mixed");
                    }
                    type = each;
                }
            }
            case "fingerprint-list-delete" -> requireList();
            case "fingerprint-list-assign" -> {
                requireList();
                if (groupId == null) {
                    throw new Refused("fingerprint-list-assign needs groupId (the group put in system lockdown)");
                }
            }
            case "upload-file" -> {
                if (targets.count() != 1 || !targets.endpoints()) {
                    throw new Refused("upload-file needs exactly one endpoint (computerId, or one computerName or hardwareKey)");
                }
                if (filePath == null) {
                    throw new Refused("upload-file needs filePath");
                }
            }
            default -> throw new IllegalStateException(action);
        }
        for (String computerId : targets.computerIds()) {
            if (!SEPM_ID.matcher(computerId).matches()) {
                throw new Refused("computer id '" + computerId + "' is not a SEPM id (32 hex digits)");
            }
        }
    }

    private void requireEndpoints(boolean groupsToo) {
        if (!targets.endpoints() && !(groupsToo && !targets.groupIds().isEmpty())) {
            throw new Refused(action + " needs computerIds, hardwareKeys or computerNames" + (groupsToo ? " (or groupIds)" : ""));
        }
        if (!groupsToo && !targets.groupIds().isEmpty()) {
            throw new Refused(action + " takes endpoints, not groupIds");
        }
    }

    private void requireList() {
        if (listName == null && fingerprintListId == null) {
            throw new Refused(action + " needs name or fingerprintListId");
        }
        if (fingerprintListId == null && domainId == null) {
            throw new Refused(action + " by name needs domainId (a list name is unique per domain)");
        }
    }

    /** A hash's type by its length: MD5 (32 hex digits), SHA-1 (40), SHA-256 (64). */
    static String hashType(String hash) {
        String value = hash.strip();
        if (!HEX.matcher(value).matches()) {
            throw new Refused("'" + hash + "' is not a hash (hex digits)");
        }
        return switch (value.length()) {
            case 32 -> "MD5";
            case 40 -> "SHA1";
            case 64 -> "SHA256";
            default -> throw new Refused("'" + hash + "' is no MD5, SHA-1 or SHA-256 hash (" + value.length() + " hex digits)");
        };
    }

    private static String text(JsonNode raw, String field) {
        JsonNode value = raw.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private static List<String> list(JsonNode raw, String field) {
        JsonNode value = raw.get(field);
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (!value.isArray()) {
            throw new Refused(field + " must be a list");
        }
        value.forEach(each -> {
            if (!each.isValueNode() || each.asText().isBlank()) {
                throw new Refused(field + " holds an empty or non-text entry");
            }
            values.add(each.asText().strip());
        });
        return values;
    }
}
