package io.endpointbridge.sep;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keys remembered from earlier lines are told apart by every character, not only those that choose their slot; a
 * payload read in place at the end of its line splits as the payload alone does.
 */
class SepPayloadSplitterTest {

    private final SepPayloadSplitter splitter = new SepPayloadSplitter(Set.of());

    @Test
    void keysThatShareTheirRememberedSlotAreStillToldApart() {
        // same length, same first, middle and last characters: the same slot of the recent keys
        assertEquals(List.of(new SepColumn("Abcdefghij", "1")), splitter.split("Abcdefghij: 1"));
        assertEquals(List.of(new SepColumn("Azzzzfghij", "2")), splitter.split("Azzzzfghij: 2"));
        assertEquals(List.of(new SepColumn("Abcdefghij", "3"), new SepColumn("Azzzzfghij", "4")),
                splitter.split("Abcdefghij: 3,Azzzzfghij: 4"));
        assertEquals(List.of(new SepColumn("Dateiname Ā", "x")), splitter.split("Dateiname Ā: x"));
        assertEquals(List.of(new SepColumn("Dateiname A", "y")), splitter.split("Dateiname A: y"));
    }

    @Test
    void aPayloadReadInPlaceSplitsAsThePayloadAlone() {
        SepPayloadSplitter joining = new SepPayloadSplitter(Set.of("Company name"));
        String header = "<54>Sep 13 08:21:26 sepm SymantecServer: ";
        for (String payload : new String[] {"Virus found,Computer name: PC1,Company name: A.,B,C,Size: 1",
                "\"Event Description: a, \"\"b\"\"\",File path: \"C:\\x, y\",'a, b',end\"",
                "Event Description: \"x, y\"", "", ",", "Key: \"unclosed, value"}) {
            assertEquals(joining.split(payload), joining.split(header + payload, header.length()), payload);
        }
    }
}
