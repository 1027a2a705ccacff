package io.endpointbridge.sep;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keys remembered from earlier lines are told apart by every character, not only by the hash that places them; a
 * payload read in place at the end of its line splits as the payload alone does.
 */
class SepPayloadSplitterTest {

    private final SepPayloadSplitter splitter = new SepPayloadSplitter(Set.of());

    @Test
    void keysThatShareTheirRememberedPlacesAreStillToldApart() {
        // "AaAa", "BBBB" and "AaBB" have the same String hash: three keys for the two places of one hash
        assertEquals("AaAa".hashCode(), "BBBB".hashCode());
        assertEquals("AaAa".hashCode(), "AaBB".hashCode());
        for (int round = 0; round < 3; round++) {
            assertEquals(List.of(new SepColumn("AaAa", "1")), splitter.split("AaAa: 1"));
            assertEquals(List.of(new SepColumn("BBBB", "2")), splitter.split("BBBB: 2"));
            assertEquals(List.of(new SepColumn("AaBB", "3"), new SepColumn("AaAa", "4"), new SepColumn("BBBB", "5")),
                    splitter.split("AaBB: 3,AaAa: 4,BBBB: 5"));
        }
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
