package io.endpointbridge.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.endpointbridge.publish.KafkaRecords;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.KafkaProducer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.KeyValueHolder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Our batch records are the records camel-kafka itself makes of the same messages, and the messages stay as they were. */
class RecordBatchProducerTest {

    private static final String OPTIONS = "?batchWithIndividualHeaders=true"
            + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer";

    /** A context with our kafka component as the application sets it up, not started. */
    private static CamelContext withOurKafka() {
        CamelContext context = new DefaultCamelContext();
        RecordsKafkaComponent ours = new RecordsKafkaComponent();
        ours.getConfiguration().setHeaderFilterStrategy(new RecordHeaderFilter());
        context.addComponent("kafka", ours);
        return context;
    }

    @Test
    void makesTheRecordsCamelKafkaMakes() throws Exception {
        try (CamelContext context = withOurKafka()) {
            KafkaComponent stock = new KafkaComponent();
            stock.getConfiguration().setHeaderFilterStrategy(new RecordHeaderFilter());
            context.addComponent("stock-kafka", stock);
            context.start();
            KafkaProducer camelKafka = new StockProducer(context.getEndpoint("stock-kafka:events" + OPTIONS, KafkaEndpoint.class));
            KafkaProducer fast = (KafkaProducer) context.getEndpoint("kafka:events" + OPTIONS).createProducer();
            assertInstanceOf(RecordBatchProducer.class, fast);

            List<ProducerRecord<Object, Object>> expected = records(camelKafka, context, batch(context));
            List<Message> batch = batch(context);
            List<ProducerRecord<Object, Object>> actual = records(fast, context, batch);

            assertSameRecords(expected, actual);
            // records made ready as Kafka records (the syslog path) go as they are, and show the same headers
            List<Message> ready = readyBatch(context, actual);
            assertSameRecords(expected, records(fast, context, ready));
            for (int i = 0; i < ready.size(); i++) {
                Map<String, Object> headers = new HashMap<>(batch.get(i).getHeaders());
                headers.remove("CamelInternal");
                headers.replace("runNumber", "\u0000\u0000\u0000\u0000\u0000\u0000\u0000*"); // 42L as camel-kafka serialized it, read back as text
                assertEquals(headers, new HashMap<>(ready.get(i).getHeaders()), "record " + i);
            }
            // once its headers are out, a change to them is in the record sent
            ready.get(0).setHeader("logType", "Other");
            assertEquals("Other", new String(records(fast, context, ready).get(0).headers().lastHeader("logType").value(),
                    StandardCharsets.UTF_8));
            assertEquals("events.dlq", actual.get(1).topic());
            assertEquals(1_700_000_000_000L, actual.get(0).timestamp());
            assertEquals("Scan", new String(actual.get(0).headers().lastHeader("logType").value(), StandardCharsets.UTF_8));
            assertNull(actual.get(0).headers().lastHeader("CamelInternal"));
            assertNull(actual.get(0).headers().lastHeader(KafkaConstants.KEY));
            // a batch sent again record by record after a failure still names the dead letter's topic
            assertEquals("events.dlq", batch.get(1).getHeader(KafkaConstants.OVERRIDE_TOPIC));
        }
    }

    @Test
    void keysMadeAsBytesGoOnlyWhereKeysAreSentAsBytes() throws Exception {
        try (CamelContext context = withOurKafka()) {
            context.start();
            KafkaProducer textKeys = (KafkaProducer) context.getEndpoint("kafka:events" + OPTIONS).createProducer();
            KafkaProducer bytesKeys = (KafkaProducer) context.getEndpoint("kafka:events" + OPTIONS
                    + "&keySerializer=org.apache.kafka.common.serialization.ByteArraySerializer").createProducer();
            ProducerRecord<Object, Object> made = new ProducerRecord<>("events", null, 1L,
                    "host-1".getBytes(StandardCharsets.UTF_8), new byte[] {1}, List.of());
            Message dead = KafkaRecords.deadLetter(context, "events.dlq", "sep-syslog", 2L, new byte[] {2});

            List<ProducerRecord<Object, Object>> sent = records(bytesKeys, context,
                    List.of(RecordMessage.ready(context, made, false), dead));
            assertSame(made, sent.get(0));
            assertArrayEquals("sep-syslog".getBytes(StandardCharsets.UTF_8), (byte[]) sent.get(1).key());
            // where keys are sent as text (a record sent alone, the spool) the same message's key is its text
            Message ready = RecordMessage.ready(context, made, false);
            assertEquals("host-1", records(textKeys, context, List.of(ready)).get(0).key());
            assertEquals("host-1", ready.getHeader(KafkaConstants.KEY));
        }
    }

    private static void assertSameRecords(List<ProducerRecord<Object, Object>> expected,
                                          List<ProducerRecord<Object, Object>> actual) {
        assertEquals(3, actual.size());
        for (int i = 0; i < expected.size(); i++) {
            ProducerRecord<Object, Object> want = expected.get(i);
            ProducerRecord<Object, Object> got = actual.get(i);
            assertEquals(want.topic(), got.topic());
            assertEquals(want.partition(), got.partition());
            assertEquals(want.timestamp(), got.timestamp());
            assertEquals(want.key(), got.key());
            assertArrayEquals((byte[]) want.value(), (byte[]) got.value());
            assertEquals(want.headers(), got.headers());
        }
    }

    /** The records as ready Kafka records, the dead letter's topic its own (overridden). */
    private static List<Message> readyBatch(CamelContext context, List<ProducerRecord<Object, Object>> records) {
        List<Message> ready = new ArrayList<>();
        for (ProducerRecord<Object, Object> record : records) {
            ready.add(RecordMessage.ready(context, new ProducerRecord<>(record.topic(), null, record.timestamp(),
                    record.key(), record.value(), record.headers()), !record.topic().equals("events")));
        }
        return ready;
    }

    /** An event, a dead letter for another topic, and a record without key or time. */
    private static List<Message> batch(CamelContext context) {
        Message event = KafkaRecords.record(context, null, "host-1", 1_700_000_000_000L, "sep-syslog",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        event.setHeader("logType", "Scan");
        event.setHeader("eventId", "6f1b1c52-5d7e-4a8e-9a3c-1d0c2b7e5f10");
        event.setHeader("runNumber", 42L);
        event.setHeader("CamelInternal", "never in a record");
        Message letter = KafkaRecords.deadLetter(context, "events.dlq", "sep-syslog", 1_700_000_000_001L,
                "{\"reason\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        Message bare = KafkaRecords.record(context, null, null, null, null, new byte[] {1, 2, 3});
        return List.of(event, letter, bare);
    }

    private static List<ProducerRecord<Object, Object>> records(KafkaProducer producer, CamelContext context,
                                                                List<Message> batch) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(batch);
        Iterator<KeyValueHolder<Object, ProducerRecord<Object, Object>>> records = producer instanceof StockProducer stock
                ? stock.records(exchange) : ((RecordBatchProducer) producer).createRecordIterable(exchange, exchange.getMessage());
        List<ProducerRecord<Object, Object>> list = new ArrayList<>();
        records.forEachRemaining(holder -> list.add(holder.getValue()));
        return list;
    }

    /** camel-kafka's producer as it is, its record making callable from here. */
    private static final class StockProducer extends KafkaProducer {

        StockProducer(KafkaEndpoint endpoint) {
            super(endpoint);
        }

        Iterator<KeyValueHolder<Object, ProducerRecord<Object, Object>>> records(Exchange exchange) {
            return createRecordIterable(exchange, exchange.getMessage());
        }
    }
}
