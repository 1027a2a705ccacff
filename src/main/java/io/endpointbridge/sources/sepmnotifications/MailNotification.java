package io.endpointbridge.sources.sepmnotifications;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Properties;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.core.RejectedInputException;
import io.endpointbridge.mapping.Times;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * An e-mail notification from SEPM as the notification the critical-events API would give: {@code via: mail}, its
 * subject, its text as {@code message} (the plain-text part, else the HTML one; Jakarta Mail decodes
 * quoted-printable, base64 and the charset), the sender, the Message-ID and the sending time (UTC).
 */
final class MailNotification {

    private MailNotification() {
    }

    static ObjectNode of(Message mail) {
        try {
            ObjectNode notification = JsonNodeFactory.instance.objectNode();
            notification.put("via", "mail");
            notification.put("subject", mail.getSubject() == null ? "" : mail.getSubject().strip());
            notification.put("message", text(mail));
            if (mail.getFrom() != null && mail.getFrom().length > 0) {
                notification.put("from", mail.getFrom()[0] instanceof InternetAddress address
                        ? address.getAddress() : mail.getFrom()[0].toString());
            }
            if (mail instanceof MimeMessage mime && mime.getMessageID() != null) {
                notification.put("messageId", mime.getMessageID());
            }
            if (mail.getSentDate() != null) {
                notification.put("sentAt", Times.seconds(mail.getSentDate().toInstant().atOffset(ZoneOffset.UTC)));
            }
            return notification;
        } catch (MessagingException | IOException e) {
            throw new RejectedInputException("the mail cannot be read: " + e.getMessage());
        }
    }

    /** A mail file (RFC 822, as {@code .eml}) as a notification. */
    static ObjectNode of(byte[] rfc822) {
        try {
            return of(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rfc822)));
        } catch (MessagingException e) {
            throw new RejectedInputException("not a mail: " + e.getMessage());
        }
    }

    /** The mail's text: its plain-text part, else its HTML part, else nothing. */
    private static String text(Part part) throws MessagingException, IOException {
        String plain = find(part, "text/plain");
        if (plain != null) {
            return plain;
        }
        String html = find(part, "text/html");
        return html == null ? "" : html;
    }

    private static String find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            Object content = part.getContent();
            return content instanceof String text ? text : null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (!Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                    String found = find(child, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }
}
