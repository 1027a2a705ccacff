package io.endpointbridge.assets;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.mapping.JsonSourceRecord;
import io.endpointbridge.mapping.Times;
import io.endpointbridge.mapping.TransformMap;

/**
 * One page of a polled asset API to host-asset records: parses the page, takes its list of assets and maps each with
 * the source's transform map. An asset the map rejects (no id) becomes a reject with its raw JSON; a page that is not
 * JSON or has no asset list is rejected whole, since a silently short inventory is worse than a failed run.
 */
public final class AssetPageMapper {

    public static final String SCHEMA_VERSION = "host-asset.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A mapped asset and its Kafka key {@code <source>:<externalAssetId>}. */
    public record Mapped(ObjectNode record, String key) {
    }

    /** An asset that could not be mapped, as the source sent it. */
    public record Rejected(JsonNode raw, String reason) {
    }

    /** An asset the map's drop rules leave out: its key and why. */
    public record Filtered(String key, String reason) {
    }

    public record PageResult(List<Mapped> records, List<Rejected> rejects, List<Filtered> filtered) {
        public int size() {
            return records.size() + rejects.size() + filtered.size();
        }
    }

    private final String listField;
    private final TransformMap map;
    private final ZoneId zone;
    private final String keyField;
    private final java.util.function.Function<byte[], JsonNode> reader;
    private final java.util.function.UnaryOperator<JsonNode> preparer;

    public AssetPageMapper(String listField, TransformMap map, ZoneId zone) {
        this(listField, map, zone, "externalAssetId");
    }

    /** A mapper whose records' keys are {@code <source>:<keyField>} (a windowed source's page: incidentUid). */
    public AssetPageMapper(String listField, TransformMap map, ZoneId zone, String keyField) {
        this(listField, map, zone, keyField, AssetPageMapper::parse, record -> record);
    }

    private AssetPageMapper(String listField, TransformMap map, ZoneId zone, String keyField,
                            java.util.function.Function<byte[], JsonNode> reader,
                            java.util.function.UnaryOperator<JsonNode> preparer) {
        this.listField = listField;
        this.map = map;
        this.zone = zone;
        this.keyField = keyField;
        this.reader = reader;
        this.preparer = preparer;
    }

    /**
     * This mapper for a source whose input is not always a JSON page ({@code reader}: an e-mail becomes a page of one
     * notification) or whose records need reading before the map does ({@code preparer}: a notification's text).
     */
    public AssetPageMapper reading(java.util.function.Function<byte[], JsonNode> reader,
                                   java.util.function.UnaryOperator<JsonNode> preparer) {
        return new AssetPageMapper(listField, map, zone, keyField, reader, preparer);
    }

    /** One input as its page: JSON by default. */
    public JsonNode read(byte[] input) {
        return reader.apply(input);
    }

    public static AssetPageMapper load(Path mappingFile, String listField, java.util.function.Function<String, String> properties)
            throws IOException {
        return new AssetPageMapper(listField, TransformMap.load(mappingFile, properties), ZoneId.of("UTC"));
    }

    public TransformMap transformMap() {
        return map;
    }

    /** Where the page keeps its assets ({@code devices}, {@code assetListData.asset}). */
    public String listField() {
        return listField;
    }

    public static JsonNode parse(byte[] body) {
        try {
            JsonNode page = JSON.readTree(body);
            if (page == null || !page.isObject()) {
                throw new RejectedInputException("page is not a JSON object");
            }
            return page;
        } catch (JsonProcessingException e) {
            throw new RejectedInputException("page is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RejectedInputException("page could not be read: " + e.getMessage());
        }
    }

    /** The assets of a page; throws {@link RejectedInputException} when the page has no such list. */
    public List<JsonNode> assets(JsonNode page) {
        JsonNode list = page;
        for (String field : listField.split("\\.")) {
            list = list == null ? null : list.get(field);
        }
        if (list == null || !list.isArray()) {
            throw new RejectedInputException("page has no '" + listField + "' list");
        }
        List<JsonNode> assets = new ArrayList<>(list.size());
        list.forEach(assets::add);
        return assets;
    }

    public PageResult map(JsonNode page, String runId, Instant observedAt) {
        List<Mapped> records = new ArrayList<>();
        List<Rejected> rejects = new ArrayList<>();
        List<Filtered> filtered = new ArrayList<>();
        Map<String, String> metadata = metadata(runId, observedAt);
        for (JsonNode asset : assets(page)) {
            try {
                Mapped mapped = mapAsset(asset, metadata);
                String dropped = dropReason(mapped.record());
                if (dropped == null) {
                    records.add(mapped);
                } else {
                    filtered.add(new Filtered(mapped.key(), dropped));
                }
            } catch (RejectedInputException e) {
                rejects.add(new Rejected(asset, e.getMessage()));
            }
        }
        return new PageResult(records, rejects, filtered);
    }

    /** What every asset of a run carries besides its own fields. */
    public static Map<String, String> metadata(String runId, Instant observedAt) {
        return Map.of("@runId", runId, "@observedAt", Times.millis(observedAt));
    }

    /** Why the map's drop rules leave a mapped asset out (read on its target fields); null when it is published. */
    public String dropReason(ObjectNode record) {
        return map.routing().dropReason(field -> record.hasNonNull(field) ? record.get(field).asText() : null);
    }

    /** The topic the map sends its assets (and their tombstones) to; null: the assets topic. */
    public String topic() {
        return map.routing().topic();
    }

    /** One asset of a page; throws {@link RejectedInputException} with the reason when it cannot be mapped. */
    public Mapped mapAsset(JsonNode asset, Map<String, String> metadata) {
        if (!asset.isObject()) {
            throw new RejectedInputException("asset is not a JSON object");
        }
        ObjectNode record = map.apply(new JsonSourceRecord(preparer.apply(asset), metadata), zone);
        return new Mapped(record, record.path("source").asText() + ":" + record.path(keyField).asText());
    }
}
