package io.endpointbridge.assets;

import java.io.IOException;

import io.endpointbridge.pipeline.Settings;

/** The SES device inventory source: its name, transform map and where the devices are in a page. */
public final class SesDevices {

    public static final String SOURCE = "ses-devices";
    public static final String MAPPING_FILE = "ses-devices.yaml";
    public static final String DEVICE_LIST = "devices";

    private SesDevices() {
    }

    public static AssetPageMapper mapper(Settings settings) throws IOException {
        return AssetPageMapper.load(settings.path("mappings.dir", "mappings").resolve(MAPPING_FILE), DEVICE_LIST,
                key -> settings.optional(key).orElse(null));
    }
}
