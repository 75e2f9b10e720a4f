package dev.llmcache.lookup.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/** Which GETs of an entry skip Spring MVC's request mappings, and what they carry to the handler. */
class PlainGetMappingTests {

    private static final String KEY = "a".repeat(64);
    private static final String LEGACY_KEY = "b".repeat(32);

    private final PlainGetMapping mapping = new PlainGetMapping(new PlainGetHandler(null, null, null));

    private static MockHttpServletRequest get(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setRequestURI(uri);
        return request;
    }

    @Test
    void aPlainGetOfAKeyGoesToTheHandlerWithTheOrdinaryMappingsPattern() {
        MockHttpServletRequest request = get("/api/v1/entries/" + KEY);

        assertThat(mapping.getHandler(request)).isNotNull();
        assertThat(request.getAttribute(PlainGetMapping.KEY_ATTRIBUTE)).isEqualTo(KEY);
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).isEqualTo("/api/v1/entries/{cacheKey}");
    }

    @Test
    void legacyKeysAndTheAcceptHeadersTheNegotiationWouldAnswerWithJsonArePlain() {
        assertThat(PlainGetMapping.plainKey(get("/api/v1/entries/" + LEGACY_KEY))).isEqualTo(LEGACY_KEY);
        for (String accept : new String[] {"*/*", "application/json"}) {
            MockHttpServletRequest request = get("/api/v1/entries/" + KEY);
            request.addHeader("Accept", accept);
            assertThat(PlainGetMapping.plainKey(request)).as(accept).isEqualTo(KEY);
        }
    }

    @Test
    void aQueryAConditionalHeaderOrAnotherAcceptLeavesTheRequestToTheOrdinaryMapping() {
        MockHttpServletRequest withQuery = get("/api/v1/entries/" + KEY);
        withQuery.setQueryString("lease=PT5M");
        assertThat(mapping.getHandler(withQuery)).isNull();
        for (String header : new String[] {"If-None-Match", "If-Match", "If-Modified-Since", "If-Unmodified-Since"}) {
            MockHttpServletRequest conditional = get("/api/v1/entries/" + KEY);
            conditional.addHeader(header, "\"x\"");
            assertThat(mapping.getHandler(conditional)).as(header).isNull();
        }
        for (String accept : new String[] {"text/html", "application/problem+json", "application/json;q=0.9", "application/*"}) {
            MockHttpServletRequest negotiated = get("/api/v1/entries/" + KEY);
            negotiated.addHeader("Accept", accept);
            assertThat(mapping.getHandler(negotiated)).as(accept).isNull();
        }
        MockHttpServletRequest twoAccepts = get("/api/v1/entries/" + KEY);
        twoAccepts.addHeader("Accept", "application/json");
        twoAccepts.addHeader("Accept", "text/html");
        assertThat(mapping.getHandler(twoAccepts)).isNull();
    }

    @Test
    void otherMethodsPathsKeysAndDispatchesAreNotPlain() {
        MockHttpServletRequest head = get("/api/v1/entries/" + KEY);
        head.setMethod("HEAD");
        MockHttpServletRequest error = get("/api/v1/entries/" + KEY);
        error.setDispatcherType(DispatcherType.ERROR);

        assertThat(mapping.getHandler(head)).isNull();
        assertThat(mapping.getHandler(error)).isNull();
        assertThat(mapping.getHandler(get("/api/v1/entries/" + KEY.toUpperCase()))).isNull();
        assertThat(mapping.getHandler(get("/api/v1/entries/" + KEY + "/"))).isNull();
        assertThat(mapping.getHandler(get("/api/v1/entries/" + KEY.substring(1)))).isNull();
        assertThat(mapping.getHandler(get("/api/v1/entries"))).isNull();
        assertThat(mapping.getHandler(get("/api/v2/entries/" + KEY))).isNull();
        assertThat(mapping.getHandler(get("/api/v1/entries//" + KEY))).isNull();
    }

    @Test
    void underAContextPathTheKeyFollowsIt() {
        MockHttpServletRequest request = get("/cache/api/v1/entries/" + KEY);
        request.setContextPath("/cache");

        assertThat(PlainGetMapping.plainKey(request)).isEqualTo(KEY);
    }
}
