package io.endpointbridge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.endpointbridge.core.Settings;
import io.endpointbridge.polling.ApiAnswer;
import io.endpointbridge.polling.ApiCalls;
import io.endpointbridge.polling.ApiClient;
import io.endpointbridge.polling.ApiRetry;
import io.endpointbridge.polling.ApiTokenRenewal;
import io.endpointbridge.polling.ApiTrust;
import io.endpointbridge.polling.SessionsLogout;
import io.endpointbridge.polling.ConnectionTest;
import io.endpointbridge.polling.ConnectionTests;
import io.endpointbridge.polling.TokenProvider;
import io.endpointbridge.sources.PolledSource;
import io.endpointbridge.sources.Sources;
import io.endpointbridge.polling.StreamedSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Binds what the registered sources' HTTP routes name: per source its client rules ({@code <prefix>-http}), tokens
 * ({@code <prefix>-tokens}), TLS trust ({@code <prefix>-tls}, {@code <prefix>-hostnames}) and paging ({@code <name>-paging}); the {@code api-retry} helpers; and the connection
 * tests; and the logout of every API session when the application stops. Enough on its own for {@code check-connection}, which starts no broker and no pull.
 */
public class PolledSourcesConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        ApiCalls api = new ApiCalls(context);
        registry.bind("apiRetry", new ApiRetry());
        registry.bind("apiTokenRenewal", new ApiTokenRenewal());
        registry.bind("apiAnswer", new ApiAnswer());
        Map<String, Supplier<List<ConnectionTest.Step>>> connectionTests = new LinkedHashMap<>();
        List<TokenProvider> sessions = new ArrayList<>();
        for (PolledSource source : Sources.POLLED) {
            registry.bind(ApiClient.beanName(source.prefix()), source.client(settings));
            ApiTrust trust = ApiTrust.from(settings, source.prefix());
            registry.bind(ApiTrust.beanName(source.prefix()), trust.sslContextParameters());
            registry.bind(ApiTrust.hostnamesBeanName(source.prefix()), trust.hostnameVerifier());
            TokenProvider tokens = source.tokens(settings, api, Clock.systemUTC());
            registry.bind(TokenProvider.beanName(source.prefix()), tokens);
            sessions.add(tokens);
            registry.bind(source.pagingBean(), source.paging(settings));
            Supplier<List<ConnectionTest.Step>> connectionTest = () -> source.connectionTest(settings, api);
            connectionTests.put(source.prefix(), connectionTest);
            connectionTests.put(source.name(), connectionTest);
        }
        // GET /connection-test/ses-incidents: the API its records come from
        for (io.endpointbridge.polling.RecordSource source : Sources.recordSources()) {
            Supplier<List<ConnectionTest.Step>> apiTest = connectionTests.get(source.api());
            if (apiTest != null) {
                connectionTests.put(source.name(), apiTest);
            }
        }
        // a streamed source's long-poll: its API's client rules, with a read timeout longer than the server's hold
        for (StreamedSource source : Sources.STREAMED) {
            PolledSource client = Sources.find(source.api()).orElseThrow();
            registry.bind(ApiClient.beanName(source.name()), client.client(settings).withRequestTimeout(
                    java.time.Duration.ofMillis(settings.getInt(source.prefix() + ".read-timeout-ms", 180000))));
        }
        context.getManagementStrategy().addEventNotifier(new SessionsLogout(sessions));
        registry.bind("connectionTests", new ConnectionTests(connectionTests,
                settings.getInt("connection-test.cache-seconds", 30), Clock.systemUTC()));
    }
}
