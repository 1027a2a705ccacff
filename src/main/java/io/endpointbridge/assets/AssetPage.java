package io.endpointbridge.assets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;

/**
 * One page of a polled asset API, read as a stream instead of as one tree: a first pass over the bytes keeps every
 * field but the asset list (the paging facts: total, cursor, response code) and counts the assets; a second pass
 * hands the assets over a chunk at a time. At most one chunk of assets is a tree at any time, so a page of 50,000
 * devices costs its bytes and one chunk, not a tree several times its size.
 */
public final class AssetPage {

    /** Takes the assets of one chunk: the page index of the first one and the assets in page order. */
    public interface ChunkConsumer {
        void accept(int firstIndex, List<JsonNode> assets);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] body;
    private final String listField;
    private final String[] path;
    private final ObjectNode shell;
    private final int size;

    private AssetPage(byte[] body, String listField, ObjectNode shell, int size) {
        this.body = body;
        this.listField = listField;
        this.path = listField.split("\\.");
        this.shell = shell;
        this.size = size;
    }

    /**
     * The page's fields and asset count, the list's place holding an empty array; throws {@link RejectedInputException}
     * when the page is not a JSON object.
     */
    public static AssetPage read(byte[] body, String listField) {
        String[] path = listField.split("\\.");
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RejectedInputException("page is not a JSON object");
            }
            int[] size = {-1};
            ObjectNode shell = shell(parser, path, 0, size);
            if (parser.nextToken() != null) {
                throw new RejectedInputException("page is not valid JSON: more after the page object");
            }
            return new AssetPage(body, listField, shell, size[0]);
        } catch (JsonProcessingException e) {
            throw new RejectedInputException("page is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RejectedInputException("page could not be read: " + e.getMessage());
        }
    }

    /** Everything the page says besides its assets. */
    public ObjectNode shell() {
        return shell;
    }

    /** How many assets the page holds; throws {@link RejectedInputException} when it has no asset list. */
    public int size() {
        if (size < 0) {
            throw new RejectedInputException("page has no '" + listField + "' list");
        }
        return size;
    }

    /** A run of the page's assets: the page index of the first one and the assets in page order. */
    public record Slice(int first, List<JsonNode> assets) {
    }

    /** Hands the assets over in page order, {@code chunkSize} at a time. */
    public void forEachChunk(int chunkSize, ChunkConsumer consumer) {
        Iterator<Slice> slices = slices(chunkSize);
        while (slices.hasNext()) {
            Slice slice = slices.next();
            consumer.accept(slice.first(), slice.assets());
        }
    }

    /**
     * The assets in page order, {@code sliceSize} at a time, read as they are asked for: only the slices taken and not
     * yet let go are trees, never the page. The parser is closed after the last slice.
     */
    public Iterator<Slice> slices(int sliceSize) {
        if (size() == 0) {
            return Collections.emptyIterator();
        }
        JsonParser parser;
        try {
            parser = JSON.createParser(body);
            parser.nextToken();
            toList(parser, 0);
        } catch (IOException e) {
            throw new RejectedInputException("page could not be read again: " + e.getMessage());
        }
        return new Iterator<>() {
            private int first;

            @Override
            public boolean hasNext() {
                return first < size;
            }

            @Override
            public Slice next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<JsonNode> assets = new ArrayList<>(Math.min(sliceSize, size - first));
                try {
                    while (assets.size() < sliceSize && parser.nextToken() != JsonToken.END_ARRAY) {
                        assets.add(parser.readValueAsTree());
                    }
                    Slice slice = new Slice(first, assets);
                    first += assets.size();
                    if (first >= size || assets.isEmpty()) {
                        first = size;
                        parser.close();
                    }
                    return slice;
                } catch (IOException e) {
                    throw new RejectedInputException("page could not be read again: " + e.getMessage());
                }
            }
        };
    }

    /** The object the parser is in (after its START_OBJECT), without the list at {@code path[depth..]}. */
    private static ObjectNode shell(JsonParser parser, String[] path, int depth, int[] size) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean onPath = depth < path.length && name.equals(path[depth]);
            if (onPath && depth == path.length - 1 && value == JsonToken.START_ARRAY) {
                if (size[0] >= 0) {
                    throw new RejectedInputException("page has its asset list twice");
                }
                int count = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                    count++;
                }
                size[0] = count;
                node.putArray(name);
            } else if (onPath && value == JsonToken.START_OBJECT) {
                node.set(name, shell(parser, path, depth + 1, size));
            } else {
                node.set(name, parser.readValueAsTree());
            }
        }
        return node;
    }

    /** Moves the parser (inside the page object) to the START_ARRAY of the asset list. */
    private void toList(JsonParser parser, int depth) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals(path[depth]) && depth == path.length - 1 && value == JsonToken.START_ARRAY) {
                return;
            }
            if (name.equals(path[depth]) && value == JsonToken.START_OBJECT) {
                toList(parser, depth + 1);
                return;
            }
            parser.skipChildren();
        }
        throw new RejectedInputException("page has no '" + listField + "' list");
    }
}
