package io.endpointbridge.sep;

/** One comma-separated column of a SEP payload: {@code Key: Value}, or a positional value with no key. */
public record SepColumn(String key, String value) {

    public boolean isKeyed() {
        return key != null;
    }
}
