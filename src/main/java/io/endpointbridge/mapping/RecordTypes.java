package io.endpointbridge.mapping;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.spi.DataType;
import org.apache.camel.spi.Transformer;
import org.apache.camel.spi.TransformerKey;

/**
 * Registers what turns a message into records of a published schema as a Camel data-type transformer named after the
 * schema, so that a route says {@code transformDataType: {toType: security-event.v1}} where its input becomes records.
 */
public final class RecordTypes {

    /** The step that makes the records: the message's body becomes the batch of records for the Kafka producer. */
    @FunctionalInterface
    public interface Step {
        void apply(Message message) throws Exception;
    }

    private RecordTypes() {
    }

    public static void register(CamelContext context, String schema, Step step) {
        Transformer transformer = new Transformer() {
            @Override
            public void transform(Message message, DataType from, DataType to) throws Exception {
                step.apply(message);
            }
        };
        transformer.setName(schema);
        transformer.setTo(schema);
        transformer.setCamelContext(context);
        context.getTransformerRegistry().put(new TransformerKey(DataType.ANY, new DataType(schema)), transformer);
    }
}
