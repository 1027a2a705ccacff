package io.endpointbridge.mapping;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written IPv4 check accepts exactly what the regular expression it replaced accepted. */
class ValueConvertersTest {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    @Test
    void everyNumberInEveryPlaceAsTheRegularExpression() {
        for (int place = 0; place < 4; place++) {
            for (int number = 0; number < 1000; number++) {
                for (String written : new String[] {Integer.toString(number), "0" + number, "00" + number}) {
                    String[] parts = {"10", "0", "255", "7"};
                    parts[place] = written;
                    assertSameAsRegularExpression(String.join(".", parts));
                }
            }
        }
    }

    @Test
    void randomTextsAsTheRegularExpression() {
        SplittableRandom random = new SplittableRandom(4);
        String alphabet = "0123456789....12x -٣";
        for (int i = 0; i < 300_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(18); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertSameAsRegularExpression(text.toString());
        }
    }

    @Test
    void addressesAndNotAddresses() {
        assertTrue(ValueConverters.isIpv4("192.168.0.1"));
        assertTrue(ValueConverters.isIpv4("0.0.0.0"));
        assertFalse(ValueConverters.isIpv4("192.168.0.01"));
        assertFalse(ValueConverters.isIpv4("256.1.1.1"));
        assertFalse(ValueConverters.isIpv4("1.2.3"));
        assertFalse(ValueConverters.isIpv4("1.2.3.4.5"));
        assertFalse(ValueConverters.isIpv4("1.2.3.4 "));
        assertFalse(ValueConverters.isIpv4("::1"));
        assertFalse(ValueConverters.isIpv4(""));
    }

    private static void assertSameAsRegularExpression(String text) {
        assertEquals(IPV4.matcher(text).matches(), ValueConverters.isIpv4(text), text);
    }
}
