package dev.llmcache.lookup.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.llmcache.config.JacksonConfiguration;
import dev.llmcache.lookup.LeasedLookups;
import dev.llmcache.lookup.LookupService;
import dev.llmcache.security.SecurityConfiguration;
import dev.llmcache.support.TestClockConfiguration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Bad lookups are 400s that name the field, and never reach the lookup service. */
@WebMvcTest(controllers = LookupController.class)
@Import({SecurityConfiguration.class, TestClockConfiguration.class, JacksonConfiguration.class})
class LookupControllerErrorTests {

    private static final String LOOKUP = "{\"cacheType\": \"refactor\", \"model\": \"grok-beta\", \"content\": \"x\"}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LookupService service;

    @MockitoBean
    LeasedLookups leased;

    @MockitoBean
    HeadAnswers heads;

    private ResultActions batch(String body) throws Exception {
        return mvc.perform(post("/api/v1/lookup/batch").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void emptyBatchIsABadRequest() throws Exception {
        batch("{\"lookups\": []}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lookups"))
                .andExpect(jsonPath("$.errors[0].message").value("must hold 1 to 1000 lookups"));
        batch("{}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("lookups"));
        verify(service, never()).batch(anyString(), anyList());
    }

    @Test
    void batchOfMoreThanAThousandIsABadRequest() throws Exception {
        String lookups = String.join(",", Collections.nCopies(1001, LOOKUP));
        batch("{\"lookups\": [" + lookups + "]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lookups"));
        verify(service, never()).batch(anyString(), anyList());
    }

    @Test
    void invalidItemOfABatchIsNamedByItsIndex() throws Exception {
        batch("{\"lookups\": [" + LOOKUP + ", {\"cacheType\": \"refactor\", \"content\": \"x\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lookups[1].model"));
        batch("{\"lookups\": [" + LOOKUP + ", " + LOOKUP + ", {\"cacheType\": \"refactor\", \"model\": \"m\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lookups[2].content"));
        verify(service, never()).batch(anyString(), anyList());
    }

    @Test
    void lookupWithoutContentOrHashIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cacheType\": \"refactor\", \"model\": \"grok-beta\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("content"));
        mvc.perform(post("/api/v1/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cacheType\": \"refactor\", \"model\": \"grok-beta\", \"fileHash\": \"xyz\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("fileHash"));
        verify(service, never()).lookup(anyString(), any());
    }

    @Test
    void badKeyIsABadRequestAndNotCountedAsAMiss() throws Exception {
        mvc.perform(get("/api/v1/entries/XYZ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cacheKey"));
        verify(service, never()).get(anyString(), any());
    }
}
