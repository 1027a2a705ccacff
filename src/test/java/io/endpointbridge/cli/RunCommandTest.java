package io.endpointbridge.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import io.endpointbridge.TestPorts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `run` refuses to start, in one line naming the key, on a busy port or a wrong setting: nothing half-starts. */
class RunCommandTest {

    static Map<String, String> freePorts() throws Exception {
        Map<String, String> env = new HashMap<>();
        int syslog = TestPorts.free();
        env.put("SYSLOG_UDP_PORT", String.valueOf(syslog));
        env.put("SYSLOG_TCP_PORT", String.valueOf(syslog));
        env.put("HTTP_PORT", String.valueOf(TestPorts.free()));
        env.put("MANAGEMENT_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_CONTROLLER_PORT", String.valueOf(TestPorts.free()));
        env.put("KAFKA_EMBEDDED_DATA_DIR", Files.createTempDirectory("run-refused").toString());
        return env;
    }

    @Test
    void aBusyPortIsNamedWithItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Map<String, String> env = freePorts();
            env.put("HTTP_PORT", String.valueOf(taken.getLocalPort()));
            MapCommandTest.Result result = MapCommandTest.run("", env, "run");
            assertEquals(1, result.exit(), result.stderr());
            assertTrue(result.stderr().contains("TCP port " + taken.getLocalPort() + " on 127.0.0.1 (http.port, HTTP_PORT) is in use"),
                    result.stderr());
            assertTrue(result.stderr().lines().count() < 5, "one line, no stack trace: " + result.stderr());
        }
    }

    @Test
    void aWrongSettingIsNamedWithItsKey() throws Exception {
        Map<String, String> env = freePorts();
        env.put("SYSLOG_MAX_MESSAGE_BYTES", "-1");
        MapCommandTest.Result result = MapCommandTest.run("", env, "run");
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("endpoint-bridge: setting syslog.max-message-bytes = '-1': must be from 1 to 16777216",
                result.stderr().strip());
    }
}
