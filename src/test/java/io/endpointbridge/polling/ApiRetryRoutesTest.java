package io.endpointbridge.polling;

import java.util.Properties;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.endpointbridge.PolledSourcesConfiguration;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The api-retry route configuration on its own, as Camel Main boots it for `check-connection`: the shipped
 * routes/*.camel.yaml filtered to the SES token route, with PolledSourcesConfiguration's beans, against a WireMock
 * server over real HTTP. Retries are Camel redeliveries of the one exchange, bounded by the source's settings.
 */
class ApiRetryRoutesTest extends CamelMainTestSupport {

    private static final WireMockServer SES = new WireMockServer(wireMockConfig().dynamicPort());
    private static final String TOKENS = "/v1/oauth2/tokens";

    @BeforeAll
    static void startSimulator() {
        SES.start();
    }

    @AfterAll
    static void stopSimulator() {
        SES.stop();
    }

    @BeforeEach
    void resetSimulator() {
        SES.resetAll();
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(PolledSourcesConfiguration.class);
        configuration.withRoutesIncludePattern("file:routes/*.camel.yaml");
        configuration.withRouteFilterIncludePattern("ses-devices-token");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("ses.base-url", SES.baseUrl());
        properties.put("ses.client-id", "client");
        properties.put("ses.client-secret", "secret");
        properties.put("ses.max-retries", "2");
        properties.put("ses.backoff-initial-ms", "10");
        properties.put("ses.backoff-max-ms", "20");
        return properties;
    }

    private TokenProvider tokens() {
        return context.getRegistry().lookupByNameAndType(TokenProvider.beanName("ses"), TokenProvider.class);
    }

    @Test
    void serverErrorsAreRedeliveredWithinOneExchange() {
        SES.stubFor(post(TOKENS).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        SES.stubFor(post(TOKENS).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("third"));
        SES.stubFor(post(TOKENS).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":3600}")));
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ses-devices-token").whenCompleted(1).create();
        assertEquals("tok", tokens().token());
        assertTrue(done.matchesWaitTime(), "one exchange, completed");
        SES.verify(3, postRequestedFor(urlPathEqualTo(TOKENS)));
    }

    @Test
    void retriesStopAtTheSourcesMaxRetriesAndTheFailureSaysHowMany() {
        SES.stubFor(post(TOKENS).willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        tokens().invalidate();
        ApiException failed = assertThrows(ApiException.class, () -> tokens().token());
        assertEquals("/v1/oauth2/tokens: HTTP 503 after 3 attempts: down for maintenance", failed.getMessage());
        assertEquals(ApiException.Check.DATA, failed.check());
        SES.verify(3, postRequestedFor(urlPathEqualTo(TOKENS)));
    }

    @Test
    void refusedCredentialsAreNotRetriedNorRenewed() {
        SES.stubFor(post(TOKENS).willReturn(aResponse().withStatus(401)));
        tokens().invalidate();
        ApiException failed = assertThrows(ApiException.class, () -> tokens().token());
        assertEquals("/v1/oauth2/tokens: 401 Unauthorized: credentials rejected or expired", failed.getMessage());
        assertEquals(ApiException.Check.AUTHENTICATION, failed.check());
        SES.verify(1, postRequestedFor(urlPathEqualTo(TOKENS)));
    }

    @Test
    void aProbeMakesOneAttempt() {
        SES.stubFor(post(TOKENS).willReturn(aResponse().withStatus(503)));
        ApiException failed = assertThrows(ApiException.class, () -> new ApiCalls(context).probing()
                .call("direct:ses-devices-token", exchange -> exchange.getIn().setHeader("Authorization", "Basic x")));
        assertTrue(failed.getMessage().contains("HTTP 503 after 1 attempts"), failed.getMessage());
        SES.verify(1, postRequestedFor(urlPathEqualTo(TOKENS)));
    }

    @Test
    void aRedirectIsNeverFollowed() {
        SES.stubFor(post(TOKENS).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://api.sep.eu.securitycloud.symantec.com/v1/oauth2/tokens")));
        tokens().invalidate();
        ApiException failed = assertThrows(ApiException.class, () -> tokens().token());
        assertTrue(failed.getMessage().contains("redirected (302) to host api.sep.eu.securitycloud.symantec.com: wrong region?"),
                failed.getMessage());
        SES.verify(1, postRequestedFor(urlPathEqualTo(TOKENS)));
    }
}
