package io.endpointbridge.polling;

import io.endpointbridge.pipeline.Settings;

/** The connection tests as the HTTP route calls them. */
public class ConnectionTests {

    private final Settings settings;

    public ConnectionTests(Settings settings) {
        this.settings = settings;
    }

    public String ses() {
        return ConnectionTest.json(ConnectionTest.ses(settings)).toPrettyString();
    }

    public String csam() {
        return ConnectionTest.json(ConnectionTest.csam(settings)).toPrettyString();
    }
}
