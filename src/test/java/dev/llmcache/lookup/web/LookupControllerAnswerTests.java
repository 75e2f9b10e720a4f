package dev.llmcache.lookup.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.llmcache.budget.BudgetLevel;
import dev.llmcache.config.JacksonConfiguration;
import dev.llmcache.entry.EntryKey;
import dev.llmcache.lookup.LeaseAsk;
import dev.llmcache.lookup.LeasedLookups;
import dev.llmcache.lookup.LookupAnswer;
import dev.llmcache.lookup.LookupService;
import dev.llmcache.security.SecurityConfiguration;
import dev.llmcache.support.TestClockConfiguration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A lookup answered at once is answered by the handler itself; only one that waits on a lease goes
 * through the Servlet's asynchronous dispatch (a second pass through the filter chain).
 */
@WebMvcTest(controllers = LookupController.class)
@Import({SecurityConfiguration.class, TestClockConfiguration.class, JacksonConfiguration.class})
class LookupControllerAnswerTests {

    private static final String KEY = "b".repeat(64);
    private static final LookupAnswer.Miss PLAIN_MISS = new LookupAnswer.Miss(null, null, BudgetLevel.WARNING);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LookupService service;

    @MockitoBean
    LeasedLookups leased;

    @MockitoBean
    HeadAnswers heads;

    @Test
    void aLookupAnsweredAtOnceIsNotDispatchedAsynchronously() throws Exception {
        when(leased.find(anyString(), any(EntryKey.class), anyString(), anyString(), any(LeaseAsk.class), any()))
                .thenAnswer(call -> {
                    call.<LookupAnswer.Sink>getArgument(5).answer(PLAIN_MISS);
                    return null;
                });

        mvc.perform(get("/api/v1/entries/" + KEY))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isNotFound())
                .andExpect(header().string("Cache-Budget-Status", "WARNING"));
    }

    @Test
    void aLookupThatWaitsIsAnsweredWhenItsWaitEnds() throws Exception {
        AtomicReference<LookupAnswer.Sink> parked = new AtomicReference<>();
        when(leased.find(anyString(), any(EntryKey.class), anyString(), anyString(), any(LeaseAsk.class), any()))
                .thenAnswer(call -> {
                    parked.set(call.getArgument(5));
                    return mock(LeasedLookups.Pending.class);
                });

        MvcResult waiting = mvc.perform(get("/api/v1/entries/" + KEY + "?wait=PT30S"))
                .andExpect(request().asyncStarted()).andReturn();
        assertThat(parked.get()).isNotNull();
        parked.get().answer(new LookupAnswer.Miss(null, Instant.parse("2030-01-01T00:00:00Z"), BudgetLevel.OK));

        mvc.perform(asyncDispatch(waiting))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.leaseHeldUntil").value("2030-01-01T00:00:00Z"));
    }
}
