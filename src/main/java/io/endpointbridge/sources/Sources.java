package io.endpointbridge.sources;

import java.util.List;
import java.util.Optional;

import io.endpointbridge.sources.csamassets.CsamAssetsSource;
import io.endpointbridge.sources.sesdevices.SesDevicesSource;

/** The registered polled sources: adding one is a folder under {@code sources/} and one line here. */
public final class Sources {

    public static final List<PolledSource> POLLED = List.of(
            new SesDevicesSource(),
            new CsamAssetsSource());

    private Sources() {
    }

    /** A polled source by its name ({@code ses-devices}) or its settings prefix ({@code ses}). */
    public static Optional<PolledSource> find(String nameOrPrefix) {
        return POLLED.stream().filter(s -> s.name().equals(nameOrPrefix) || s.prefix().equals(nameOrPrefix)).findFirst();
    }

    public static List<String> names() {
        return POLLED.stream().map(PolledSource::name).toList();
    }
}
