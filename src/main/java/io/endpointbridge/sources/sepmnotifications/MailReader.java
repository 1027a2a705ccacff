package io.endpointbridge.sources.sepmnotifications;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.publish.DeadLetters;
import io.endpointbridge.publish.PipelineCounters;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;

/**
 * The {@code sepm-mail} route's first step: the mail camel-mail fetched becomes the notification the map reads (a list
 * of one in the body, as the API's answer gives them), under the source's name and run id {@code mail}. A mail that
 * cannot be read becomes a notification without a subject, which the map turns into a dead letter with the reason:
 * the mail is then done with, never fetched again and again.
 */
public final class MailReader {

    public void read(Exchange exchange) {
        ObjectNode notification;
        try {
            notification = exchange.getIn() instanceof MailMessage mail
                    ? MailNotification.of(mail.getOriginalMessage())
                    : MailNotification.of(exchange.getIn().getBody(byte[].class));
        } catch (RejectedInputException e) {
            notification = JsonNodeFactory.instance.objectNode().put("via", "mail").put("unreadable", e.getMessage());
        }
        exchange.setProperty(PipelineCounters.SOURCE_PROPERTY, "sepm-notifications");
        exchange.setProperty(DeadLetters.RUN_ID_PROPERTY, "mail");
        exchange.getMessage().setBody(List.of(notification));
    }
}
