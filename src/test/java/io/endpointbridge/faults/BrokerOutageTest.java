package io.endpointbridge.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Properties;

import io.endpointbridge.RunningBridge;
import io.endpointbridge.TestPorts;
import io.endpointbridge.kafka.EmbeddedKafkaBroker;
import io.endpointbridge.publish.DiskSpool;
import io.endpointbridge.publish.PipelineCounters;
import io.endpointbridge.publish.SyslogDelivery;
import io.endpointbridge.syslog.UdpSocketDrops;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka broker stopped for 30 s and restarted while numbered TCP and UDP senders run at a fixed rate, with the
 * shipped producer settings: every TCP message arrives at least once (held back, waiting in the producer, or spooled
 * on disk and replayed), every UDP loss is a counted drop, and the counters add up.
 */
class BrokerOutageTest {

    static final String SOURCE = "sep-syslog";
    static final int TCP_PER_SECOND = 2000;
    static final int UDP_PER_SECOND = 1000;

    @Test
    void aThirtySecondOutageLosesNoTcpMessageAndEveryUdpLossIsCounted() throws Exception {
        Path data = Files.createTempDirectory("outage");
        int kafkaPort = TestPorts.free();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker("127.0.0.1", kafkaPort, TestPorts.free(),
                data.resolve("broker").toFile(), 3);
        broker.start();
        Properties p = new Properties();
        p.put("kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort);
        p.put("pipeline.stats-interval-ms", "5000");
        try (RunningBridge bridge = new RunningBridge(p, data, kafkaPort, TestPorts.free())) {
            PipelineCounters counters = bridge.context().getRegistry().lookupByNameAndType("pipelineCounters", PipelineCounters.class);
            DiskSpool spool = bridge.context().getRegistry().lookupByNameAndType("syslogDelivery", SyslogDelivery.class).spool();
            long kernelDropsBefore = Math.max(0, UdpSocketDrops.read(bridge.syslogPort));
            SequencedSender tcp = new SequencedSender("tcp", bridge.syslogPort, TCP_PER_SECOND).start();
            SequencedSender udp = new SequencedSender("udp", bridge.syslogPort, UDP_PER_SECOND).start();
            Thread.sleep(5_000);
            broker.stop();
            long outageStart = System.nanoTime();
            Thread.sleep(30_000);
            long spooledDuringOutage = counters.get(SOURCE, "spooled");
            broker.start();
            System.out.printf("outage: broker down %.1f s; %d records spooled meanwhile (%d bytes on disk)%n",
                    (System.nanoTime() - outageStart) / 1e9, spooledDuringOutage, spool.bytes());
            Thread.sleep(5_000);
            tcp.close();
            udp.close();
            long kernelDrops = Math.max(0, UdpSocketDrops.read(bridge.syslogPort)) - kernelDropsBefore;

            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (System.nanoTime() < deadline && !(spool.isEmpty() && counters.accountedFor(SOURCE) == counters.get(SOURCE, "received")
                    && counters.get(SOURCE, "received") + kernelDrops >= tcp.sent() + udp.sent())) {
                Thread.sleep(200);
            }
            long received = counters.get(SOURCE, "received");
            assertTrue(spool.isEmpty(), "the spool drained: " + spool.records() + " records left");
            assertEquals(received, counters.accountedFor(SOURCE), "received = published + rejected + dropped + failed: " + counters.snapshot());
            assertEquals(0, counters.get(SOURCE, "failed"), counters.snapshot().toString());

            long expected = tcp.sent() + udp.sent() - counters.get(SOURCE, "dropped") - kernelDrops;
            List<ConsumerRecord<String, String>> records = bridge.consume("security.events.sep.v1", (int) expected,
                    Duration.ofSeconds(120));
            assertEquals(0, records.stream().filter(r -> r.value() == null).count(), "no empty records");
            SequencedSender.Arrivals tcpArrivals = arrivals("tcp", tcp.sent(), records);
            SequencedSender.Arrivals udpArrivals = arrivals("udp", udp.sent(), records);
            System.out.printf("outage: TCP sent %d, missing %d, duplicates %d; UDP sent %d, missing %d, counted drops %d "
                            + "(app %d, kernel %d), duplicates %d; spooled in all %d; counters %s%n",
                    tcp.sent(), tcpArrivals.missing(), tcpArrivals.duplicates(), udp.sent(), udpArrivals.missing(),
                    counters.get(SOURCE, "dropped") + kernelDrops, counters.get(SOURCE, "dropped"), kernelDrops,
                    udpArrivals.duplicates(), counters.get(SOURCE, "spooled"), counters.snapshot());
            assertTrue(spooledDuringOutage > 0, "the outage outlasted the in-flight window: records went to the spool");
            assertEquals(0, tcpArrivals.missing(), "every TCP sequence number arrived");
            assertEquals(counters.get(SOURCE, "dropped") + kernelDrops, udpArrivals.missing(),
                    "every UDP loss is a counted drop");
        } finally {
            broker.stop();
        }
    }

    static SequencedSender.Arrivals arrivals(String transport, long sent, List<ConsumerRecord<String, String>> records) {
        BitSet seen = new BitSet();
        long duplicates = 0;
        for (ConsumerRecord<String, String> record : records) {
            long n = record.value() == null ? -1 : SequencedSender.sequence(transport, record.value());
            if (n >= 0) {
                if (seen.get((int) n)) {
                    duplicates++;
                }
                seen.set((int) n);
            }
        }
        return new SequencedSender.Arrivals(sent, seen, duplicates);
    }
}
