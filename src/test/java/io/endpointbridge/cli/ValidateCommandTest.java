package io.endpointbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `validate` on the shipped files passes; on a broken route or map it names the file and line and exits 1. */
class ValidateCommandTest {

    @TempDir
    Path home;

    void copyInstallation() throws IOException {
        Files.copy(Path.of("application.properties"), home.resolve("application.properties"));
        for (String dir : new String[] {"routes", "mappings", "schemas"}) {
            Files.createDirectories(home.resolve(dir));
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path file : files.toList()) {
                    Files.copy(file, home.resolve(dir).resolve(file.getFileName()));
                }
            }
        }
    }

    @Test
    void theShippedRoutesAndMapsAreValid() throws Exception {
        MapCommandTest.Result result = MapCommandTest.run("", Map.of(), "validate");
        assertEquals(0, result.exit(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("ok      mappings/sep-syslog.yaml"));
        // the result is on stdout; the log says only what went wrong (it was 1,600 lines of Kafka client dumps)
        assertTrue(result.stderr().lines().count() < 20, result.stderr().lines().limit(30).toList().toString());
    }

    @Test
    void aBrokenEndpointOptionIsReportedWithFileAndLine() throws Exception {
        copyInstallation();
        Path route = home.resolve("routes/sep-syslog.camel.yaml");
        Files.writeString(route, Files.readString(route).replace("        sync: false\n        allowDefaultCodec: false\n        decoders: \"#syslogDatagramDecoder,#syslogFrameBatcher\"",
                "        sync: false\n        allowDefaultCodec: false\n        noSuchOption: 42\n        decoders: \"#syslogDatagramDecoder,#syslogFrameBatcher\""));
        MapCommandTest.Result result = MapCommandTest.runIn(home, "", Map.of(), "validate");
        assertEquals(1, result.exit(), result.stdout());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("PROBLEM routes/sep-syslog.camel.yaml:") && l.contains("noSuchOption")),
                result.stdout());
    }

    @Test
    void anUnknownConverterIsReportedWithFileAndEntry() throws Exception {
        copyInstallation();
        Path map = home.resolve("mappings/ses-devices.yaml");
        Files.writeString(map, Files.readString(map).replace("convert: boolean", "convert: bool"));
        MapCommandTest.Result result = MapCommandTest.runIn(home, "", Map.of(), "validate");
        assertEquals(1, result.exit(), result.stdout());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("PROBLEM") && l.contains("ses-devices.yaml")
                && l.contains("fields.isVirtual.convert: unknown converter 'bool'")), result.stdout());
    }

    @Test
    void aTargetThePublishedSchemaDoesNotHaveIsReportedWithItsFile() throws Exception {
        copyInstallation();
        Path map = home.resolve("mappings/sep-syslog.yaml");
        Files.writeString(map, Files.readString(map).replace("  group:                 {", "  groupName:             {"));
        MapCommandTest.Result result = MapCommandTest.runIn(home, "", Map.of(), "validate");
        assertEquals(1, result.exit(), result.stdout());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("PROBLEM") && l.contains("sep-syslog.yaml")
                && l.contains("not in schemas/security-event.v1.json") && l.contains("groupName")), result.stdout());
    }

    @Test
    void wrongSettingsFromTheEnvironmentAreReportedWithTheirKeys() throws Exception {
        MapCommandTest.Result result = MapCommandTest.run("", Map.of("SYSLOG_MAX_MESSAGE_BYTES", "-1", "HTTP_PORT", "abc",
                "SES_PAGE_SIZE", "0", "CSAM_SCHEDULE_CRON", "every day"), "validate");
        assertEquals(1, result.exit(), result.stdout());
        String out = result.stdout();
        assertTrue(out.contains("PROBLEM setting syslog.max-message-bytes = '-1': must be from 1 to"), out);
        assertTrue(out.contains("PROBLEM setting http.port = 'abc': must be a whole number from 1 to 65535"), out);
        assertTrue(out.contains("PROBLEM setting ses.page-size = '0'"), out);
        assertTrue(out.contains("PROBLEM setting csam.schedule.cron = 'every day': must be a Quartz cron expression"), out);
    }

    @Test
    void aCamelPortVariableCamelIgnoresIsNamedWithTheOneThatWorks() throws Exception {
        MapCommandTest.Result result = MapCommandTest.run("", Map.of("CAMEL_MANAGEMENT_PORT", "9191"), "validate");
        assertEquals(0, result.exit(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("WARN    CAMEL_MANAGEMENT_PORT is ignored (Camel skips *_PORT variables, which "
                + "Kubernetes sets for services): set MANAGEMENT_PORT instead"), result.stdout());
    }
}
