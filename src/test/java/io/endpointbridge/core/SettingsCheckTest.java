package io.endpointbridge.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped settings pass; each kind of wrong value is named with its key, and start-up refuses it. */
class SettingsCheckTest {

    static final List<String> PREFIXES = List.of("ses", "csam");

    static Settings settings(String... overrides) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:" + Path.of("application.properties").toAbsolutePath());
        Properties p = new Properties();
        for (int i = 0; i < overrides.length; i += 2) {
            p.put(overrides[i], overrides[i + 1]);
        }
        context.getPropertiesComponent().setOverrideProperties(p);
        return new Settings(context.getPropertiesComponent());
    }

    @Test
    void theShippedSettingsPass() {
        assertEquals(List.of(), SettingsCheck.problems(settings(), PREFIXES));
    }

    @Test
    void theEventStreamNeedsItsStreamAndNeverRunsBesideItsSearchFallback() {
        var scope = io.endpointbridge.sources.Sources.settingsScope();
        assertEquals(List.of(), SettingsCheck.problems(settings(), scope));
        List<String> unconfigured = SettingsCheck.problems(settings("ses.events.enabled", "true"), scope);
        assertEquals(1, unconfigured.size(), unconfigured.toString());
        assertTrue(unconfigured.get(0).contains("ses.events.stream-id") && unconfigured.get(0).contains("ses.events.search.enabled"),
                unconfigured.get(0));
        List<String> both = SettingsCheck.problems(settings("ses.events.enabled", "true", "ses.events.stream-id", "S",
                "ses.events.channel-id", "C", "ses.events.search.enabled", "true"), scope);
        assertEquals(1, both.size(), both.toString());
        assertTrue(both.get(0).contains("read twice"), both.get(0));
        assertEquals(List.of(), SettingsCheck.problems(settings("ses.events.search.enabled", "true"), scope));
    }

    @Test
    void eachWrongValueIsNamedWithItsKey() {
        List<String> problems = SettingsCheck.problems(settings("syslog.tcp.port", "abc", "syslog.max-message-bytes", "-1",
                "csam.page-size", "-5", "ses.request-timeout-ms", "0", "spool.stall-alert", "soon", "syslog.enabled", "yes",
                "http.bind-address", "my-host", "assets.max-delete-fraction", "2", "syslog.sepm-timezone", "Mars/Olympus",
                "ses.schedule.cron", "* * *"), PREFIXES);
        assertEquals(10, problems.size(), problems.toString());
        assertTrue(problems.contains("syslog.tcp.port = 'abc': must be a whole number from 1 to 65535"), problems.toString());
        assertTrue(problems.contains("syslog.max-message-bytes = '-1': must be from 1 to 16777216"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("csam.page-size = '-5'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("http.bind-address = 'my-host': must be an IP address")),
                problems.toString());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SettingsCheck.require(settings("http.port", "abc"), PREFIXES, java.util.Map.of()));
        assertTrue(refused.getMessage().contains("http.port = 'abc'"), refused.getMessage());
    }

    @Test
    void addressesAreLiteralsNeverLookedUp() {
        for (String ok : List.of("127.0.0.1", "0.0.0.0", "localhost", "::", "::1")) {
            assertEquals(List.of(), SettingsCheck.problems(settings("syslog.bind-address", ok), PREFIXES), ok);
        }
    }

    @Test
    void aFormerKafkaSecurityKeyIsRefusedByNameNotDropped() {
        List<String> problems = SettingsCheck.problems(settings("kafka.security-protocol", "SASL_SSL",
                "kafka.sasl-jaas-config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"), PREFIXES);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.contains("kafka.security-protocol is now camel.component.kafka.security-protocol "
                + "(environment CAMEL_COMPONENT_KAFKA_SECURITY_PROTOCOL): rename it"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("PlainLoginModule")), "no secret value: " + problems);
    }

    @Test
    void aTrustFileThatIsNotThereIsNamedWithItsKey() {
        List<String> problems = SettingsCheck.problems(settings("ses.tls-certificate", "/nonexistent/ses.pem",
                "csam.tls-insecure", "yes"), PREFIXES);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ses.tls-certificate = '/nonexistent/ses.pem': no readable file there")),
                problems.toString());
        assertTrue(problems.contains("csam.tls-insecure = 'yes': must be true or false"), problems.toString());
        assertEquals(List.of(), SettingsCheck.problems(settings("ses.tls-certificate", "application.properties"), PREFIXES));
    }
}
