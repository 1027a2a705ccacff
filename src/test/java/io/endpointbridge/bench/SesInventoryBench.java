package io.endpointbridge.bench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.endpointbridge.RunningBridge;
import io.endpointbridge.polling.Run;
import io.endpointbridge.polling.RunTracker;

/**
 * Prints the figures of large asset full pulls (a benchmark, not a test): local simulators generate N SES devices and
 * M CSAM host assets (the every-attribute golden asset, renumbered) on the fly, the app pulls, maps and publishes
 * them; assets/s and the peak heap are sampled during each run. With a BOOTSTRAP the app publishes to that broker
 * and the heap is the app's alone; without, an embedded broker shares the JVM.
 * SEPM computers (the every-field golden computer, renumbered) come over HTTPS from a self-signed simulator trusted as
 * PEM, as in production.
 * Usage: bench/ses-inventory [DEVICES] [CSAM_ASSETS] [BOOTSTRAP] [SEPM_COMPUTERS] [SES_RUNS]
 * SES_RUNS: {@code full+delta} (default: every device new, then 1 % changed), {@code full}, or {@code delta} (the
 * 1 %-changed run alone, its state loaded from an earlier JVM's state topic on the same broker: a restart). The
 * figures' labels start with {@code -Dbench.label} (default {@code ses}).
 */
public final class SesInventoryBench {

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int csamAssets = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        String csamTemplate = csamAssets == 0 ? null : io.endpointbridge.Golden.JSON.readTree(
                java.nio.file.Path.of("src/test/resources/golden/csam-assets/every-attribute.json").toFile())
                .at("/assetListData/asset/0").toString();
        HttpServer simulator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        simulator.createContext("/v1/oauth2/tokens", exchange -> reply(exchange,
                "{\"access_token\":\"bench\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
        java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger(1);
        simulator.createContext("/v1/devices", exchange -> reply(exchange, page(exchange.getRequestURI(), devices,
                generation.get())));
        simulator.createContext("/auth", exchange -> reply(exchange, 201, "bench-jwt"));
        simulator.createContext("/rest/2.0/search/am/asset", exchange -> reply(exchange, 200,
                csamPage(exchange.getRequestURI(), csamAssets, csamTemplate)));
        simulator.start();
        int sepmComputers = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        io.endpointbridge.TestCertificates certificate = io.endpointbridge.TestCertificates.selfSigned(
                "dns:localhost,ip:127.0.0.1", null, 2);
        com.sun.net.httpserver.HttpsServer sepm = sepmSimulator(certificate, sepmComputers);
        Properties p = new Properties();
        if (args.length > 2 && !args[2].isEmpty()) {
            p.put("kafka.bootstrap-servers", args[2]);
        }
        p.put("sepm.base-url", "https://localhost:" + sepm.getAddress().getPort());
        p.put("sepm.tls-certificate", certificate.pem().toString());
        p.put("sepm.username", "bench");
        p.put("sepm.password", "bench");
        p.put("sepm.requests-per-hour", "1000000");
        p.put("csam.base-url", "http://127.0.0.1:" + simulator.getAddress().getPort());
        p.put("csam.username", "bench");
        p.put("csam.password", "bench");
        p.put("csam.requests-per-hour", "1000000");
        p.put("assets.publish-mode", "changes");
        p.put("syslog.enabled", "false");
        p.put("ses.base-url", "http://127.0.0.1:" + simulator.getAddress().getPort());
        p.put("ses.client-id", "bench");
        p.put("ses.client-secret", "bench");
        p.put("ses.requests-per-hour", "1000000");
        String sesRuns = args.length > 4 ? args[4] : "full+delta";
        String label = System.getProperty("bench.label", "ses");
        try (RunningBridge bridge = new RunningBridge(p)) {
            if (devices > 0 && sesRuns.contains("full")) {
                pullAndReport(bridge, "ses-devices", devices, "ses full pull (run 1, every device new)", label + "_full");
            }
            generation.set(2);
            if (devices > 0 && sesRuns.contains("delta")) {
                pullAndReport(bridge, "ses-devices", devices, "ses full pull (run 2, 1% of devices changed: delta)",
                        label + "_delta");
            }
            if (csamAssets > 0) {
                pullAndReport(bridge, "csam-assets", csamAssets, "csam full pull (every asset new, ~3 KiB of attributes each)",
                        "csam_full");
            }
            if (sepmComputers > 0) {
                pullAndReport(bridge, "sepm-computers", sepmComputers,
                        "sepm full pull over HTTPS (every computer new, ~100 fields each)", "sepm_full");
            }
        } finally {
            simulator.stop(0);
            sepm.stop(0);
        }
        System.exit(0);
    }

    static void pullAndReport(RunningBridge bridge, String source, int devices, String what, String label) {
        {
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            bridge.context().createProducerTemplate().sendBody("direct:" + source + "-pull", null);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            Run run = bridge.context().getRegistry().lookupByNameAndType("runTracker", RunTracker.class)
                    .runs(source).get(0);
            System.out.printf("%s: %d assets, state %s, published %s, unchanged %s in %.1f s: %.0f assets/s read, "
                            + "mapped and published (acks=all); peak heap %d MiB (max %d MiB)%n",
                    what, devices, Run.label(run.state()), run.toJson().get("published"), run.toJson().get("unchanged"),
                    seconds, devices / seconds, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("RESULT %s_assets_per_s=%.0f %s_s=%.1f %s_heap_mb=%d %s_published=%s%n", label, devices / seconds,
                    label, seconds, label, peak.get() >> 20, label, run.toJson().get("published"));
        }
    }

    /** A whole-number query parameter of a simulator request, or the default. */
    static int queryInt(URI uri, String name, int defaultValue) {
        for (String pair : uri.getQuery().split("&")) {
            String[] kv = pair.split("=");
            if (kv[0].equals(name)) {
                return Integer.parseInt(kv[1]);
            }
        }
        return defaultValue;
    }

    static String page(URI uri, int total, int generation) {
        int offset = queryInt(uri, "offset", 0);
        int limit = queryInt(uri, "limit", 1000);
        StringBuilder json = new StringBuilder(limit * 520).append("{\"total\":").append(total).append(",\"devices\":[");
        for (int n = offset; n < Math.min(total, offset + limit); n++) {
            if (n > offset) {
                json.append(',');
            }
            json.append("{\"id\":\"dev-").append(n).append("\",\"name\":\"HOST-").append(n)
                    .append(generation > 1 && n % 100 == 0 ? "-renamed" : "")
                    .append("\",\"host\":\"HOST-").append(n).append("\",\"domain\":\"corp.example\",")
                    .append("\"created\":\"2024-01-15T08:00:00Z\",\"modified\":\"2024-06-01T12:30:00Z\",")
                    .append("\"os\":{\"ver\":\"10.0.19045\",\"name\":\"Windows 10 Enterprise\",\"type\":\"WINDOWS_WORKSTATION\",\"64_bit\":true,\"user\":\"user").append(n).append("\"},")
                    .append("\"hw\":{\"uuid\":\"uuid-").append(n).append("\",\"serial\":\"SN").append(n)
                    .append("\",\"cpu_type\":\"Intel64 Family 6\",\"phys_cpus\":4,\"mem_mb\":16384},")
                    .append("\"adapters\":[{\"addr\":\"00:11:22:33:44:55\",\"ipv4Address\":\"10.0.").append(n % 250)
                    .append(".").append(n % 200).append("\"},{\"addr\":\"00:11:22:33:44:56\",\"ipv4Address\":\"192.168.1.").append(n % 250).append("\"}],")
                    .append("\"is_virtual\":false,\"device_status\":\"SECURE\",\"connection_status\":\"ONLINE\",")
                    .append("\"parent_device_group_name\":\"Workstations\",")
                    .append("\"products\":[{\"name\":\"SEP\",\"version\":\"14.3.9210.6000\",\"agent_status\":\"ONLINE\"}]}");
        }
        return json.append("]}").toString();
    }

    /** SEPM's authenticate and computers, over HTTPS with the test certificate. */
    static com.sun.net.httpserver.HttpsServer sepmSimulator(io.endpointbridge.TestCertificates certificate, int total)
            throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(certificate.keyStore())) {
            store.load(in, io.endpointbridge.TestCertificates.PASSWORD.toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        keys.init(store, io.endpointbridge.TestCertificates.PASSWORD.toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        String template = io.endpointbridge.Golden.JSON.readTree(java.nio.file.Path.of(
                "src/test/resources/golden/sepm-computers/every-field.json").toFile()).at("/content/0").toString();
        server.createContext("/sepm/api/v1/identity/authenticate", exchange -> reply(exchange,
                "{\"token\":\"bench\",\"tokenExpiration\":43200}"));
        server.createContext("/sepm/api/v1/identity/logout", exchange -> reply(exchange, "{}"));
        server.createContext("/sepm/api/v1/computers", exchange -> reply(exchange, sepmPage(exchange.getRequestURI(),
                total, template)));
        server.start();
        return server;
    }

    /** A SEPM computers page (pageIndex from 1): the template computer with ids 1..total. */
    static String sepmPage(URI uri, int total, String template) {
        int index = queryInt(uri, "pageIndex", 1);
        int size = queryInt(uri, "pageSize", 500);
        int from = (index - 1) * size;
        int to = Math.min(total, from + size);
        StringBuilder json = new StringBuilder(size * 3500).append("{\"content\":[");
        for (int n = from; n < to; n++) {
            if (n > from) {
                json.append(',');
            }
            json.append(template.replaceFirst("\"uniqueId\":\\s*\"[^\"]*\"", "\"uniqueId\":\"" + String.format("%032X", n) + "\"")
                    .replaceFirst("\"computerName\":\\s*\"[^\"]*\"", "\"computerName\":\"WS-" + n + "\""));
        }
        return json.append("],\"firstPage\":").append(index == 1).append(",\"lastPage\":").append(to >= total)
                .append(",\"number\":").append(index - 1).append(",\"size\":").append(size)
                .append(",\"totalElements\":").append(total).append(",\"totalPages\":").append((total + size - 1) / size)
                .append('}').toString();
    }

    /** A CSAM search page of up to 300 assets after lastSeenAssetId: the template asset with ids 1..total. */
    static String csamPage(URI uri, int total, String template) {
        int after = queryInt(uri, "lastSeenAssetId", 0);
        int size = queryInt(uri, "pageSize", 300);
        int last = Math.min(total, after + size);
        StringBuilder json = new StringBuilder(size * 3000).append("{\"responseCode\":\"SUCCESS\",\"count\":")
                .append(last - after).append(",\"hasMore\":").append(last < total ? 1 : 0)
                .append(",\"lastSeenAssetId\":").append(last).append(",\"assetListData\":{\"asset\":[");
        for (int id = after + 1; id <= last; id++) {
            if (id > after + 1) {
                json.append(',');
            }
            json.append(template.replaceFirst("\"assetId\":\\s*\\d+", "\"assetId\":" + id)
                    .replaceFirst("\"biosSerialNumber\":\\s*\"[^\"]*\"", "\"biosSerialNumber\":\"SN-" + id + "\""));
        }
        return json.append("]}}").toString();
    }

    static void reply(HttpExchange exchange, String body) throws java.io.IOException {
        reply(exchange, 200, body);
    }

    static void reply(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
