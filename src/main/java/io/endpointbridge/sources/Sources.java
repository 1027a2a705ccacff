package io.endpointbridge.sources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import io.endpointbridge.sources.csamassets.CsamAssetsSource;
import io.endpointbridge.sources.sepmcomputers.SepmComputersSource;
import io.endpointbridge.sources.sesdevices.SesDevicesSource;

/** The registered polled sources: adding one is a folder under {@code sources/} and one line here. */
public final class Sources {

    public static final List<PolledSource> POLLED = List.of(
            new SesDevicesSource(),
            new CsamAssetsSource(),
            new SepmComputersSource());

    private Sources() {
    }

    /** A polled source by its name ({@code ses-devices}) or its settings prefix ({@code ses}). */
    public static Optional<PolledSource> find(String nameOrPrefix) {
        return POLLED.stream().filter(s -> s.name().equals(nameOrPrefix) || s.prefix().equals(nameOrPrefix)).findFirst();
    }

    public static List<String> prefixes() {
        return POLLED.stream().map(PolledSource::prefix).toList();
    }

    /** The keys the registered sources add that take one of a few values, for the settings check. */
    public static Map<String, Set<String>> settingChoices() {
        Map<String, Set<String>> choices = new LinkedHashMap<>();
        POLLED.forEach(source -> choices.putAll(source.settingChoices()));
        return choices;
    }

    public static List<String> names() {
        return POLLED.stream().map(PolledSource::name).toList();
    }
}
