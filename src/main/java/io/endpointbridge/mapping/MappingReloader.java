package io.endpointbridge.mapping;

import java.util.List;

/** The route-facing side of {@link Reloadable}: one call checks every map the application uses. */
public final class MappingReloader {

    private final List<Reloadable<?>> maps;

    public MappingReloader(List<Reloadable<?>> maps) {
        this.maps = List.copyOf(maps);
    }

    /** Reloads what changed; returns how many were reloaded. */
    public int reloadChanged() {
        int reloaded = 0;
        for (Reloadable<?> map : maps) {
            if (map.reloadIfChanged()) {
                reloaded++;
            }
        }
        return reloaded;
    }
}
