package io.endpointbridge.sources.sepmnotifications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.endpointbridge.Golden;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** How a notification's text is read: the cases the golden files do not show one by one. */
class NotificationReaderTest {

    static ObjectNode read(String subject, String message, String eventDateTime) {
        ObjectNode raw = Golden.JSON.createObjectNode().put("subject", subject).put("message", message);
        if (eventDateTime != null) {
            raw.put("eventDateTime", eventDateTime);
        }
        return NotificationReader.read(raw);
    }

    @Test
    void escapedHtmlIsDecodedThenStrippedButTextInAngleBracketsStays() {
        assertEquals("contact your preferred reseller.\nGroup: My Company\\<Sales>",
                PlainText.of("contact your &lt;a class=&quot;x&quot; href=&quot;#&quot;&gt;preferred reseller&lt;/a&gt;.&lt;br&gt;"
                        + "Group: My Company\\&lt;Sales&gt;"));
        assertEquals("see: Help <https://example.com/a?b=1&c=2>", PlainText.of("see: <a href=\"https://example.com/a?b=1&amp;c=2\">Help</a>"));
        assertEquals("a\nb\n\nc", PlainText.of("a\r\nb   \r\n\r\n\r\n\rc"));
    }

    @Test
    void aTimeOfDayNeverSplitsALineAndTabsSeparatePairs() {
        ObjectNode read = read("New software package available",
                "Date: Jun 26, 2024 6:46:43 AM PDT\tServer: c95648v1\nStatus reported on Jun 26, 2024 7:02:34 AM.", null);
        assertEquals("Jun 26, 2024 6:46:43 AM PDT", read.get("fields").get("Date").asText());
        assertEquals("c95648v1", read.get("fields").get("Server").asText());
        assertEquals(2, read.get("fields").size(), read.toString());
    }

    @Test
    void theSameNotificationByMailAndByApiHasOneFingerprintAndTimelessWordsAnHourLaterAnother() {
        String mailText = "Risk name: Trojan.Gen\r\n\r\nComputer: PC-1 \r\nEvent time: Feb 28, 2019 3:40:12 AM\r\n"
                + " This alarm was generated at Feb 28, 2019 3:50:21 AM (Reporter host Time).\r\nComputer: *\r\n";
        String apiHtml = "Risk name: Trojan.Gen<br/>Computer: PC-1<br/>Event time: Feb 28, 2019 3:40:12 AM";
        ObjectNode mail = read("Single Risk Event: PC-1", mailText, null);
        ObjectNode api = read("Single Risk Event: machine PC-1", apiHtml, "2019-02-28 11:40:13.0");
        assertEquals(mail.get("contentFingerprint"), api.get("contentFingerprint"));
        assertEquals("PC-1", mail.get("fields").get("Computer").asText(), "the alarm's filter block is not the computer");
        assertFalse(mail.has("repeated"));

        String words = "Number of clients changed: 1.";
        ObjectNode nine = read("Computer List Changed", words, "2024-06-26 09:05:00.0");
        ObjectNode nineLater = read("Computer List Changed", words, "2024-06-26 09:55:00.0");
        ObjectNode ten = read("Computer List Changed", words, "2024-06-26 10:05:00.0");
        assertEquals(nine.get("contentFingerprint"), nineLater.get("contentFingerprint"));
        assertNotEquals(nine.get("contentFingerprint"), ten.get("contentFingerprint"));
        assertEquals("client-list-changed", ten.get("kind").asText());
    }

    @Test
    void kindsComeFromTheSubjectThenTheText() {
        assertEquals("new-risk", NotificationReader.kind("New Risk Found: Trojan.X", ""));
        assertEquals("security-alert", NotificationReader.kind("Security alert: suspicious activity from 10.0.0.1", ""));
        assertEquals("licence", NotificationReader.kind("Information: Symantec Trial license Expires In 60 Days", ""));
        assertEquals("definitions-out-of-date", NotificationReader.kind("Virus definitions are out of date", ""));
        assertEquals("server-health", NotificationReader.kind("Notification", "Server c9 health status: poor."));
        assertEquals("other", NotificationReader.kind("New software package available", "Download: done"));
    }
}
