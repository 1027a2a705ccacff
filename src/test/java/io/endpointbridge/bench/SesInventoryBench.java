package io.endpointbridge.bench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
        if (args.length > 0 && args[0].equals("simulators")) {
            serveSimulators(args);
            return;
        }
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int csamAssets = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int sepmComputers = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        String external = System.getProperty("bench.simulators");
        Simulators simulators = external != null ? Simulators.attach(java.nio.file.Path.of(external))
                : Simulators.start(devices, csamAssets, sepmComputers);
        Properties p = new Properties();
        if (args.length > 2 && !args[2].isEmpty()) {
            p.put("kafka.bootstrap-servers", args[2]);
        }
        p.put("sepm.base-url", simulators.https());
        p.put("sepm.tls-certificate", simulators.pem());
        p.put("sepm.username", "bench");
        p.put("sepm.password", "bench");
        p.put("sepm.requests-per-hour", "1000000");
        p.put("csam.base-url", simulators.http());
        p.put("csam.username", "bench");
        p.put("csam.password", "bench");
        p.put("csam.requests-per-hour", "1000000");
        p.put("assets.publish-mode", "changes");
        p.put("syslog.enabled", "false");
        p.put("ses.base-url", simulators.http());
        p.put("ses.client-id", "bench");
        p.put("ses.client-secret", "bench");
        p.put("ses.requests-per-hour", "1000000");
        String sesRuns = args.length > 4 ? args[4] : "full+delta";
        String label = System.getProperty("bench.label", "ses");
        try (RunningBridge bridge = new RunningBridge(p)) {
            if (devices > 0 && sesRuns.contains("full")) {
                pullAndReport(bridge, "ses-devices", devices, "ses full pull (run 1, every device new)", label + "_full");
            }
            simulators.nextGeneration();
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
            simulators.close();
        }
        System.exit(0);
    }

    /**
     * The local SES, CSAM and SEPM simulators, in this JVM or in one of their own (so that the app's heap and CPU
     * figures are the app's): their addresses, the SEPM certificate, and a switch to the devices' second generation
     * (1 % of them changed).
     */
    record Simulators(String http, String https, String pem, Runnable toNextGeneration, Runnable stop) {

        void nextGeneration() {
            toNextGeneration.run();
        }

        void close() {
            stop.run();
        }

        static Simulators start(int devices, int csamAssets, int sepmComputers) throws Exception {
            String csamTemplate = csamAssets == 0 ? null : io.endpointbridge.Golden.JSON.readTree(
                    java.nio.file.Path.of("src/test/resources/golden/csam-assets/every-attribute.json").toFile())
                    .at("/assetListData/asset/0").toString();
            HttpServer simulator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            simulator.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
            simulator.createContext("/v1/oauth2/tokens", exchange -> reply(exchange,
                    "{\"access_token\":\"bench\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
            java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger(1);
            simulator.createContext("/v1/devices", exchange -> stream(exchange, out -> page(out, exchange.getRequestURI(),
                    devices, generation.get())));
            simulator.createContext("/bench/generation", exchange -> {
                generation.set(2);
                reply(exchange, "{}");
            });
            simulator.createContext("/auth", exchange -> reply(exchange, 201, "bench-jwt"));
            Template csamAsset = csamAssets == 0 ? null : Template.of(csamTemplate,
                    "\"assetId\":\\s*\\d+", "\"biosSerialNumber\":\\s*\"[^\"]*\"");
            simulator.createContext("/rest/2.0/search/am/asset", exchange -> stream(exchange,
                    out -> csamPage(out, exchange.getRequestURI(), csamAssets, csamAsset)));
            simulator.start();
            io.endpointbridge.TestCertificates certificate = io.endpointbridge.TestCertificates.selfSigned(
                    "dns:localhost,ip:127.0.0.1", null, 2);
            com.sun.net.httpserver.HttpsServer sepm = sepmSimulator(certificate, sepmComputers);
            return new Simulators("http://127.0.0.1:" + simulator.getAddress().getPort(),
                    "https://localhost:" + sepm.getAddress().getPort(), certificate.pem().toString(),
                    () -> generation.set(2), () -> {
                        simulator.stop(0);
                        sepm.stop(0);
                    });
        }

        /** Simulators another JVM serves ({@code simulators} mode), from the line it wrote. */
        static Simulators attach(java.nio.file.Path file) throws java.io.IOException {
            String[] line = java.nio.file.Files.readString(file).trim().split(" ");
            return new Simulators(line[0], line[1], line[2], () -> {
                try {
                    java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            URI.create(line[0] + "/bench/generation")).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                } catch (java.io.IOException | InterruptedException e) {
                    throw new IllegalStateException("the simulators did not switch generation", e);
                }
            }, () -> { });
        }
    }

    /** {@code simulators DEVICES CSAM_ASSETS SEPM_COMPUTERS FILE}: serves until killed; the addresses go to FILE. */
    private static void serveSimulators(String[] args) throws Exception {
        Simulators simulators = Simulators.start(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]));
        java.nio.file.Path file = java.nio.file.Path.of(args[4]);
        java.nio.file.Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"),
                simulators.http() + " " + simulators.https() + " " + simulators.pem() + "\n");
        java.nio.file.Files.move(file.resolveSibling(file.getFileName() + ".tmp"), file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
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

    static void page(Appendable json, URI uri, int total, int generation) throws java.io.IOException {
        int offset = queryInt(uri, "offset", 0);
        int limit = queryInt(uri, "limit", 1000);
        json.append("{\"total\":").append(Integer.toString(total)).append(",\"devices\":[");
        for (int n = offset; n < Math.min(total, offset + limit); n++) {
            if (n > offset) {
                json.append(',');
            }
            json.append("{\"id\":\"dev-").append(Integer.toString(n)).append("\",\"name\":\"HOST-").append(Integer.toString(n))
                    .append(generation > 1 && n % 100 == 0 ? "-renamed" : "")
                    .append("\",\"host\":\"HOST-").append(Integer.toString(n)).append("\",\"domain\":\"corp.example\",")
                    .append("\"created\":\"2024-01-15T08:00:00Z\",\"modified\":\"2024-06-01T12:30:00Z\",")
                    .append("\"os\":{\"ver\":\"10.0.19045\",\"name\":\"Windows 10 Enterprise\",\"type\":\"WINDOWS_WORKSTATION\",\"64_bit\":true,\"user\":\"user").append(Integer.toString(n)).append("\"},")
                    .append("\"hw\":{\"uuid\":\"uuid-").append(Integer.toString(n)).append("\",\"serial\":\"SN").append(Integer.toString(n))
                    .append("\",\"cpu_type\":\"Intel64 Family 6\",\"phys_cpus\":4,\"mem_mb\":16384},")
                    .append("\"adapters\":[{\"addr\":\"00:11:22:33:44:55\",\"ipv4Address\":\"10.0.").append(Integer.toString(n % 250))
                    .append(".").append(Integer.toString(n % 200)).append("\"},{\"addr\":\"00:11:22:33:44:56\",\"ipv4Address\":\"192.168.1.").append(Integer.toString(n % 250)).append("\"}],")
                    .append("\"is_virtual\":false,\"device_status\":\"SECURE\",\"connection_status\":\"ONLINE\",")
                    .append("\"parent_device_group_name\":\"Workstations\",")
                    .append("\"products\":[{\"name\":\"SEP\",\"version\":\"14.3.9210.6000\",\"agent_status\":\"ONLINE\"}]}");
        }
        json.append("]}");
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
        Template computer = Template.of(template, "\"uniqueId\":\\s*\"[^\"]*\"", "\"computerName\":\\s*\"[^\"]*\"");
        server.createContext("/sepm/api/v1/computers", exchange -> stream(exchange, out -> sepmPage(out,
                exchange.getRequestURI(), total, computer)));
        server.start();
        return server;
    }

    /** A SEPM computers page (pageIndex from 1): the template computer with ids 1..total. */
    static void sepmPage(Appendable json, URI uri, int total, Template computer) throws java.io.IOException {
        int index = queryInt(uri, "pageIndex", 1);
        int size = queryInt(uri, "pageSize", 500);
        int from = (index - 1) * size;
        int to = Math.min(total, from + size);
        json.append("{\"content\":[");
        for (int n = from; n < to; n++) {
            if (n > from) {
                json.append(',');
            }
            computer.write(json, "\"uniqueId\":\"" + String.format("%032X", n) + "\"", "\"computerName\":\"WS-" + n + "\"");
        }
        json.append("],\"firstPage\":").append(Boolean.toString(index == 1)).append(",\"lastPage\":")
                .append(Boolean.toString(to >= total)).append(",\"number\":").append(Integer.toString(index - 1))
                .append(",\"size\":").append(Integer.toString(size)).append(",\"totalElements\":")
                .append(Integer.toString(total)).append(",\"totalPages\":")
                .append(Integer.toString((total + size - 1) / size)).append('}');
    }

    /** A CSAM search page of up to 300 assets after lastSeenAssetId: the template asset with ids 1..total. */
    static void csamPage(Appendable json, URI uri, int total, Template asset) throws java.io.IOException {
        int after = queryInt(uri, "lastSeenAssetId", 0);
        int size = queryInt(uri, "pageSize", 300);
        int last = Math.min(total, after + size);
        json.append("{\"responseCode\":\"SUCCESS\",\"count\":").append(Integer.toString(last - after))
                .append(",\"hasMore\":").append(last < total ? "1" : "0").append(",\"lastSeenAssetId\":")
                .append(Integer.toString(last)).append(",\"assetListData\":{\"asset\":[");
        for (int id = after + 1; id <= last; id++) {
            if (id > after + 1) {
                json.append(',');
            }
            asset.write(json, "\"assetId\":" + id, "\"biosSerialNumber\":\"SN-" + id + "\"");
        }
        json.append("]}}");
    }

    /**
     * A golden record as a template: the text around the first match of each field pattern, split once, so that a
     * page of thousands is written without a regular expression per record.
     */
    record Template(String[] parts, int[] order) {

        static Template of(String template, String... fields) {
            String marked = template;
            for (int f = 0; f < fields.length; f++) {
                marked = marked.replaceFirst(fields[f], "\u0001" + (char) ('A' + f));
            }
            List<String> parts = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            int from = 0;
            for (int mark = marked.indexOf('\u0001'); mark >= 0; mark = marked.indexOf('\u0001', from)) {
                parts.add(marked.substring(from, mark));
                order.add(marked.charAt(mark + 1) - 'A');
                from = mark + 2;
            }
            parts.add(marked.substring(from));
            return new Template(parts.toArray(String[]::new), order.stream().mapToInt(Integer::intValue).toArray());
        }

        void write(Appendable out, String... values) throws java.io.IOException {
            for (int i = 0; i < order.length; i++) {
                out.append(parts[i]).append(values[order[i]]);
            }
            out.append(parts[order.length]);
        }
    }

    interface PageWriter {
        void write(Appendable out) throws java.io.IOException;
    }

    /** A 200 answer with its length, as the APIs send theirs (a simulator in its own JVM: the app's heap is the app's). */
    static void stream(HttpExchange exchange, PageWriter page) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 20);
        try (java.io.Writer out = new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            page.write(out);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.size());
        try (OutputStream out = exchange.getResponseBody()) {
            bytes.writeTo(out);
        }
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
