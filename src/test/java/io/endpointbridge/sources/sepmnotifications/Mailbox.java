package io.endpointbridge.sources.sepmnotifications;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.endpointbridge.TestPorts;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

/** The SOC's mailbox on a real IMAP server in the JVM (GreenMail), and what an IMAP client sees in it. */
final class Mailbox implements AutoCloseable {

    static final Path GOLDEN = Path.of("src/test/resources/golden/sepm-notifications");

    final int port = TestPorts.free();
    private final GreenMail server = new GreenMail(new ServerSetup[] {new ServerSetup(port, "127.0.0.1", "imap")});
    private final GreenMailUser user;

    Mailbox() {
        server.start();
        user = server.setUser("soc@corp.example.com", "soc", "imap-pass");
    }

    /** The bridge's settings to read this mailbox. */
    void configure(Properties p) {
        p.put("sepm.mail.enabled", "true");
        p.put("sepm.mail.url", "imap://127.0.0.1:" + port);
        p.put("sepm.mail.username", "soc");
        p.put("sepm.mail.password", "imap-pass");
        p.put("sepm.mail.poll-interval-ms", "300");
    }

    void deliver(String goldenFile) throws Exception {
        deliver(Files.readAllBytes(GOLDEN.resolve(goldenFile)));
    }

    void deliver(byte[] rfc822) throws Exception {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rfc822)));
    }

    /** Each subject, and whether every mail with it is marked seen. */
    Map<String, Boolean> seenBySubject() throws Exception {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        inbox().forEach(mail -> seen.merge(mail.getKey(), mail.getValue(), Boolean::logicalAnd));
        return seen;
    }

    /** The inbox's mails in order: subject and whether it is marked seen. */
    List<Map.Entry<String, Boolean>> inbox() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", port, "soc", "imap-pass");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Map.Entry<String, Boolean>> mails = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                mails.add(Map.entry(message.getSubject(), message.isSet(Flags.Flag.SEEN)));
            }
            inbox.close(false);
            return mails;
        } finally {
            store.close();
        }
    }

    /** Waits until at least this many mails are marked seen (20 s at most). */
    void awaitSeen(int mails) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (inbox().stream().filter(Map.Entry::getValue).count() >= mails) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("mails not marked seen: " + inbox());
    }

    @Override
    public void close() {
        server.stop();
    }
}
