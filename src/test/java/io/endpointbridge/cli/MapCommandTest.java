package io.endpointbridge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.endpointbridge.Golden;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `map` as a user runs it: a separate JVM, input on stdin, configuration overridden by environment variables the
 * way Camel maps them (syslog.sepm-timezone = SYSLOG_SEPM_TIMEZONE).
 */
public class MapCommandTest {

    public record Result(int exit, String stdout, String stderr) {
    }

    public static Result run(String stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runIn(Path.of("."), stdin, env, args);
    }

    /** Runs the command line in a separate JVM against the installation directory {@code home}. */
    static Result runIn(Path home, String stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // JVM options as the launcher takes them (JAVA_OPTS)
        if (env.containsKey("JAVA_OPTS")) {
            command.addAll(List.of(env.get("JAVA_OPTS").trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dendpoint-bridge.home=" + home.toAbsolutePath().normalize(),
                EndpointBridge.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        // stderr to a file: a chatty log must not fill a pipe nobody reads yet and block the child
        Path errFile = Files.createTempFile("endpoint-bridge-cli", ".err");
        builder.redirectError(errFile.toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(errFile);
        Files.deleteIfExists(errFile);
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void printsRecordsOnStdoutRejectsOnStderrAndHonoursEnvironmentOverrides() throws Exception {
        String input = """
                <54>Sep 10 21:54:23 sepm01 SymantecServer: PC-1,Category: 2,LiveUpdate Manager,Event Description: ok,Event time: 2024-09-10 21:50:00,Group Name: G
                this line is not SEP
                """;
        Result result = run(input, Map.of("SYSLOG_SEPM_TIMEZONE", "Asia/Tokyo", "XDR_CUSTOMER_ID", "cust-42"),
                "map", "sep-syslog");
        assertEquals(0, result.exit(), result.stderr());
        List<String> records = result.stdout().lines().toList();
        assertEquals(1, records.size(), result.stdout());
        JsonNode record = Golden.JSON.readTree(records.get(0));
        assertEquals("2024-09-10T21:50:00+09:00", record.get("eventTime").asText());
        assertEquals("cust-42", record.get("customerId").asText());
        List<String> rejects = result.stderr().lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(1, rejects.size(), result.stderr());
        JsonNode reject = Golden.JSON.readTree(rejects.get(0));
        assertEquals(2, reject.get("line").asInt());
        assertEquals("this line is not SEP", reject.get("rawText").asText());
        assertEquals("not a SEP event: no 'Key: Value' column", reject.get("reason").asText());
    }

    @Test
    void withTopicsEachLineSaysItsTopicAndFilteredLinesAreShownOnStderr() throws Exception {
        Path mappings = io.endpointbridge.sep.SepRoutingTest.routedMappings();
        String input = io.endpointbridge.sep.SepRoutingTest.traffic("a", "Blocked") + "\n"
                + io.endpointbridge.sep.SepRoutingTest.traffic("b", "Allowed") + "\n"
                + io.endpointbridge.sep.SepRoutingTest.system("c") + "\n";
        Result result = run(input, Map.of("MAPPINGS_DIR", mappings.toString()), "map", "--topics", "sep-syslog");
        assertEquals(0, result.exit(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertEquals(2, lines.size(), result.stdout());
        assertEquals("security.events.sep.traffic.v1", Golden.JSON.readTree(lines.get(0)).get("topic").asText());
        assertEquals("Blocked", Golden.JSON.readTree(lines.get(0)).get("record").get("action").asText(), lines.get(0));
        assertEquals("security.events.sep.v1", Golden.JSON.readTree(lines.get(1)).get("topic").asText());
        List<String> filtered = result.stderr().lines().filter(l -> l.contains("\"filtered\"")).toList();
        assertEquals(1, filtered.size(), result.stderr());
        JsonNode line = Golden.JSON.readTree(filtered.get(0));
        assertEquals(2, line.get("line").asInt());
        assertEquals("Agent Traffic", line.get("logType").asText());
        assertEquals("allowed connections are not security events here", line.get("filtered").asText());
    }

    @Test
    void anAssetMapsTopicAndDropRulesShowInThePreview() throws Exception {
        Path mappings = io.endpointbridge.polling.AssetRoutingTest.routedMappings();
        Result result = run(io.endpointbridge.polling.AssetRoutingTest.page("Windows 11", "Windows XP"),
                Map.of("MAPPINGS_DIR", mappings.toString()), "map", "--topics", "ses-devices");
        assertEquals(0, result.exit(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertEquals(1, lines.size(), result.stdout());
        JsonNode line = Golden.JSON.readTree(lines.get(0));
        assertEquals("security.assets.ses.v1", line.get("topic").asText());
        assertEquals("SES:dev-0", "SES:" + line.get("record").get("externalAssetId").asText());
        List<String> filtered = result.stderr().lines().filter(l -> l.contains("\"filtered\"")).toList();
        assertEquals(1, filtered.size(), result.stderr());
        assertEquals("SES:dev-1", Golden.JSON.readTree(filtered.get(0)).get("key").asText());
    }

    @Test
    void wrongUsageExitsNonZero() throws Exception {
        assertEquals(2, run("", Map.of(), "map", "no-such-source").exit());
        assertEquals(2, run("", Map.of(), "frobnicate").exit());
        Result missing = run("", Map.of(), "map", "sep-syslog", "no/such/file.log");
        assertEquals(2, missing.exit());
        assertEquals("endpoint-bridge: cannot read no/such/file.log (no such file, or not readable)", missing.stderr().strip(),
                "one line, no stack trace");
    }

    @Test
    void checkValidatesEveryRecordAgainstItsPublishedSchema() throws Exception {
        String page = "src/test/resources/golden/ses-devices/fixture-pssepcloud.json";
        Result valid = run("", Map.of(), "map", "--check", "ses-devices", page);
        assertEquals(0, valid.exit(), valid.stderr());
        Result syslog = run("", Map.of(), "map", "--check", "sep-syslog", "src/test/resources/golden/sep-syslog/fixture-sekoia.log");
        assertEquals(0, syslog.exit(), syslog.stderr());

        // a target the schema has, fed a value of the wrong type: the map loads, the records break the schema
        Path mappings = io.endpointbridge.Golden.mappingsWith("ses-devices.yaml",
                yaml -> yaml.replace("numberOfCpu:                  { from: [hw.phys_cpus, hw.log_cpus], convert: integer }",
                        "numberOfCpu:                  { from: [name, host] }"));
        Result broken = run("", Map.of("MAPPINGS_DIR", mappings.toString()), "map", "--check", "ses-devices", page);
        assertEquals(1, broken.exit(), broken.stdout() + broken.stderr());
        String problem = broken.stderr().lines().filter(l -> l.contains("\"invalid\"")).findFirst().orElseThrow();
        assertTrue(problem.contains("\"key\":\"SES:") && problem.contains("numberOfCpu"), problem);
        Result unchecked = run("", Map.of("MAPPINGS_DIR", mappings.toString()), "map", "ses-devices", page);
        assertEquals(0, unchecked.exit(), "without --check the preview does not judge");
    }
}
