package io.endpointbridge.assets;

import java.io.IOException;

import io.endpointbridge.pipeline.Settings;

/** The Qualys CSAM asset source: its name, transform map and where the assets are in a search page. */
public final class CsamAssets {

    public static final String SOURCE = "csam-assets";
    public static final String MAPPING_FILE = "csam-assets.yaml";
    public static final String ASSET_LIST = "assetListData.asset";

    private CsamAssets() {
    }

    public static AssetPageMapper mapper(Settings settings) throws IOException {
        return AssetPageMapper.load(settings.path("mappings.dir", "mappings").resolve(MAPPING_FILE), ASSET_LIST,
                key -> settings.optional(key).orElse(null));
    }
}
