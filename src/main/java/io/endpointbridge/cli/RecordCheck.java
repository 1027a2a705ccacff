package io.endpointbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** {@code map --check}: each preview record against the JSON schema it is published with, as a consumer checks it. */
final class RecordCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchema schema;

    private RecordCheck(JsonSchema schema) {
        this.schema = schema;
    }

    /** The schema {@code schemas/<name>.json} of the installation. */
    static RecordCheck of(Path home, String name) throws IOException {
        return new RecordCheck(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(home.resolve("schemas").resolve(name + ".json"))));
    }

    /** What breaks the schema in this record (one message each); empty when it validates. */
    List<String> problems(String record) throws IOException {
        return schema.validate(JSON.readTree(record)).stream().map(ValidationMessage::getMessage).toList();
    }
}
