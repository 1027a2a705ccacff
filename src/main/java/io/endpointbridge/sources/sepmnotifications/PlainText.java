package io.endpointbridge.sources.sepmnotifications;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SEPM notification's message as plain text: SEPM writes HTML into it ({@code <br/>}, links), sometimes escaped once
 * more ({@code &lt;a class=&quot;bluelink&quot;...&gt;}), and mixes {@code \n}, {@code \r\n} and {@code \t}. Line breaks
 * become {@code \n}, a link keeps its text and its web address, other HTML tags go, entities are decoded, trailing blanks
 * and runs of blank lines are dropped. Tabs stay: they separate {@code Key: value} pairs on one line.
 */
final class PlainText {

    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|/p|p|/div|div|/li|/tr)\\b[^>]*>");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*[\"'](https?://[^\"']+)[\"'][^>]*>(.*?)</a\\s*>");
    /** HTML's own elements only: a group named {@code <Sales>} (escaped once as {@code &lt;Sales&gt;}) is text. */
    private static final Pattern TAG = Pattern.compile("(?is)</?(a|abbr|b|big|blockquote|body|br|center|code|div|em|font|h[1-6]"
            + "|head|hr|html|i|img|li|meta|ol|p|pre|small|span|strong|style|sub|sup|table|tbody|td|th|thead|title|tr|u|ul)"
            + "\\b[^<>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"",
            "apos", "'", "nbsp", " ");

    private PlainText() {
    }

    static String of(String message) {
        if (message == null) {
            return "";
        }
        String text = message.replace("\r\n", "\n").replace('\r', '\n');
        // twice: an escaped tag (&lt;br&gt;) is a tag once its entities are decoded
        for (int pass = 0; pass < 2 && (text.indexOf('<') >= 0 || text.indexOf('&') >= 0); pass++) {
            text = BREAK.matcher(text).replaceAll("\n");
            text = LINK.matcher(text).replaceAll(match -> Matcher.quoteReplacement(link(match.group(2), match.group(1))));
            text = TAG.matcher(text).replaceAll("");
            text = decode(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean blank = false;
        for (String line : text.split("\n", -1)) {
            String kept = line.stripTrailing();
            if (kept.isBlank()) {
                blank = out.length() > 0;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank ? "\n\n" : "\n");
            }
            out.append(kept);
            blank = false;
        }
        return out.toString();
    }

    /** A link's text and where it points: {@code Password-protecting the client <https://...>}. */
    private static String link(String text, String address) {
        String shown = TAG.matcher(text).replaceAll("").strip();
        return shown.isEmpty() ? address : shown + " <" + address + ">";
    }

    private static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return ENTITY.matcher(text).replaceAll(match -> Matcher.quoteReplacement(entity(match.group(1), match.group())));
    }

    private static String entity(String name, String whole) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return whole;
        }
        return NAMED.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), whole);
    }
}
