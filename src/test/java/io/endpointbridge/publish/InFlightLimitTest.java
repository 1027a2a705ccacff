package io.endpointbridge.publish;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The syslog route takes a batch into the window and hands it to a seda queue for the sending thread: the room must
 * stay taken until the queued copy is done (Kafka acknowledged), not be given back at the hand-off.
 */
class InFlightLimitTest {

    @Test
    void roomStaysTakenAcrossASedaHandOffUntilTheQueuedBatchIsDone() throws Exception {
        InFlightLimit window = new InFlightLimit(10);
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch acknowledge = new CountDownLatch(1);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:normalize")
                            .filter(exchange -> {
                                try {
                                    return window.enter(exchange, 0);
                                } catch (InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                            })
                            .to("seda:publish?blockWhenFull=true");
                    from("seda:publish")
                            .process(exchange -> {
                                sending.countDown();
                                assertTrue(acknowledge.await(10, TimeUnit.SECONDS));
                            });
                }
            });
            context.start();
            context.createProducerTemplate().sendBody("direct:normalize", List.of("a", "b", "c", "d", "e", "f"));
            assertTrue(sending.await(10, TimeUnit.SECONDS));
            assertEquals(6, window.inFlight(), "handed off, not yet acknowledged: still in the window");
            acknowledge.countDown();
            long deadline = System.currentTimeMillis() + 5000;
            while (window.inFlight() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, window.inFlight(), "the queued batch's room is back once it is done");
        }
    }
}
