package dev.llmcache.entry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.llmcache.entry.EntryRepository;
import dev.llmcache.entry.EntryService;
import dev.llmcache.entry.ResultCodec;
import dev.llmcache.entry.ResultTooLargeException;
import dev.llmcache.security.SecurityConfiguration;
import dev.llmcache.support.TestClockConfiguration;
import dev.llmcache.config.JacksonConfiguration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Every bad input to the entry endpoints is a 4xx problem, and nothing reaches the service. */
@WebMvcTest(controllers = EntryController.class, properties = "cache.limits.max-request-bytes=4KB")
@Import({SecurityConfiguration.class, TestClockConfiguration.class, JacksonConfiguration.class})
class EntryControllerErrorTests {

    private static final String VALID = """
            {"cacheType": "refactor", "filePath": "src/main.rs", "content": "fn main() {}", "provider": "xai",
             "model": "grok-beta", "result": {"a": 1}}""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EntryService service;

    @MockitoBean
    EntryRepository repository;

    @MockitoBean
    ResultCodec codec;


    private ResultActions store(String body) throws Exception {
        return mvc.perform(post("/api/v1/entries").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void assertNothingStored(EntryService service) {
        verify(service, never()).store(any());
    }

    @Test
    void malformedJsonIsABadRequestNamingWhere() throws Exception {
        store("{\"cacheType\": \"refactor\",")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/malformed-json"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("line 1")));
        assertNothingStored(service);
    }

    @Test
    void bodyThatIsNotAnObjectIsABadRequest() throws Exception {
        store("[1, 2]").andExpect(status().isBadRequest()).andExpect(jsonPath("$.title").value("Bad Request"));
        store("").andExpect(status().isBadRequest());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cacheType     | (missing)                 | is required
            cacheType     | "Refactor"                | must be 1 to 32 lowercase letters, digits, '_' or '-', starting with a letter
            cacheType     | "abcdefghijklmnopqrstuvwxyz0123456" | must be 1 to 32 lowercase letters, digits, '_' or '-', starting with a letter
            filePath      | (missing)                 | is required
            filePath      | ""                        | must be 1 to 1024 characters
            provider      | (missing)                 | is required
            provider      | ""                        | is required
            model         | (missing)                 | is required
            result        | (missing)                 | is required
            result        | null                      | must not be null
            schemaVersion | 0                         | must be >= 1
            schemaVersion | "two"                     | must be an integer
            schemaVersion | 1.5                       | must be an integer
            tokensUsed    | -1                        | must be >= 0
            inputTokens   | -5                        | must be >= 0
            outputTokens  | "many"                    | must be an integer
            fileSize      | -1                        | must be >= 0
            fileHash      | "ABC"                     | must be 64 lowercase hex characters (a SHA-256)
            promptHash    | 12                        | must be a string
            """)
    void eachMissingOrInvalidFieldIsABadRequestNamingIt(String field, String value, String message) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(VALID);
        body.remove(field);
        if (!value.equals("(missing)")) {
            body.set(field, JSON.readTree(value));
        }
        store(body.toString())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(message));
        assertNothingStored(service);
    }

    @Test
    void overlongRepoPathAndModelAreBadRequests() throws Exception {
        store(VALID.replaceFirst("\\{", "{\"repoPath\": \"" + "r".repeat(1025) + "\", "))
                .andExpect(jsonPath("$.errors[0].field").value("repoPath"));
        store(VALID.replace("\"grok-beta\"", "\"" + "m".repeat(129) + "\""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("model"));
    }

    @Test
    void neitherContentNorFileHashIsABadRequestNamingBoth() throws Exception {
        store(VALID.replace("\"content\": \"fn main() {}\",", ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Invalid request: 2 fields are invalid, see errors."))
                .andExpect(jsonPath("$.errors[0].field").value("content"))
                .andExpect(jsonPath("$.errors[0].message").value("is required when fileHash is not sent"))
                .andExpect(jsonPath("$.errors[1].field").value("fileHash"))
                .andExpect(jsonPath("$.errors[1].message").value("is required when content is not sent"));
        assertNothingStored(service);
    }

    @Test
    void aLoneSurrogateInATextFieldIsABadRequestNamingIt() throws Exception {
        // JSON can escape half of a surrogate pair; no UTF-8 can store it
        store(VALID.replace("\"src/main.rs\"", "\"src/\\ud800.rs\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("filePath"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("must be well-formed Unicode text")));
        store(VALID.replace("\"grok-beta\"", "\"grok\\udc00\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("model"));
        assertNothingStored(service);
    }

    @Test
    void typeErrorsAreReportedWithEveryOtherMistakeInOneAnswer() throws Exception {
        store("""
                {"cacheType": "refactor", "filePath": "src/a.rs", "provider": "", "model": 5, "result": {},
                 "schemaVersion": "two", "tokensUsed": -1}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.length()").value(6))
                .andExpect(jsonPath("$.errors[0].field").value("model"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a string"))
                .andExpect(jsonPath("$.errors[1].field").value("schemaVersion"))
                .andExpect(jsonPath("$.errors[1].message").value("must be an integer"))
                .andExpect(jsonPath("$.errors[2].field").value("content"))
                .andExpect(jsonPath("$.errors[3].field").value("fileHash"))
                .andExpect(jsonPath("$.errors[4].field").value("provider"))
                .andExpect(jsonPath("$.errors[4].message").value("is required"))
                .andExpect(jsonPath("$.errors[5].field").value("tokensUsed"));
        assertNothingStored(service);
    }

    @Test
    void aTypeErrorAloneIsReportedAlone() throws Exception {
        store(VALID.replace("\"grok-beta\"", "[1]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("model"))
                .andExpect(jsonPath("$.detail").value("Invalid request: model must be a string."));
        assertNothingStored(service);
    }

    @Test
    void contentAndFileHashThatDisagreeAreABadRequest() throws Exception {
        store(VALID.replaceFirst("\\{", "{\"fileHash\": \"" + "0".repeat(64) + "\", "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("fileHash"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("does not match the SHA-256 of content")));
        assertNothingStored(service);
    }

    @Test
    void everyInvalidFieldIsListed() throws Exception {
        store("{\"cacheType\": \"X\", \"filePath\": \"\", \"content\": \"x\", \"provider\": \"xai\", \"model\": \"m\", \"result\": 1, \"schemaVersion\": 0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(3));
    }

    @Test
    void badKeyInThePathIsABadRequest() throws Exception {
        mvc.perform(delete("/api/v1/entries/not-a-key"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cacheKey"));
        mvc.perform(delete("/api/v1/entries/" + "A".repeat(64))).andExpect(status().isBadRequest());
    }

    @Test
    void badNamespaceHeaderIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/entries").contentType(MediaType.APPLICATION_JSON).content(VALID)
                        .header("X-Cache-Namespace", "Team A"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("X-Cache-Namespace"));
        mvc.perform(get("/api/v1/entries").header("X-Cache-Namespace", "-leading-dash")).andExpect(status().isBadRequest());
        assertNothingStored(service);
    }

    @Test
    void onlyAllTrueClearsAWholeNamespace() throws Exception {
        for (String all : new String[] {"yes", "1", "on", "false", ""}) {
            mvc.perform(delete("/api/v1/entries?all=" + all)).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("all"));
        }
        // a filter does not make a value of all that is not a boolean acceptable
        mvc.perform(delete("/api/v1/entries?cacheType=refactor&all=yes")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("must be true or false"));
        verify(service, never()).clear(any(), any());

        mvc.perform(delete("/api/v1/entries?all=TRUE")).andExpect(status().isOk()).andExpect(jsonPath("$.deleted").value(0));
        verify(service).clear(any(), any());
    }

    @Test
    void badListingParametersAreBadRequests() throws Exception {
        mvc.perform(get("/api/v1/entries?limit=0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/api/v1/entries?limit=1001")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/entries?limit=ten")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"))
                .andExpect(jsonPath("$.errors[0].message").value("must be an integer"));
        mvc.perform(get("/api/v1/entries?after=!!!")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("after"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        mvc.perform(post("/api/v1/entries").contentType(MediaType.TEXT_PLAIN).content(VALID))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("/problems/unsupported-media-type"));
        assertNothingStored(service);
    }

    @Test
    void wrongMethodIsMethodNotAllowedWithAllow() throws Exception {
        mvc.perform(patch("/api/v1/entries"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().exists("Allow"))
                .andExpect(jsonPath("$.type").value("/problems/method-not-allowed"));
    }

    @Test
    void unknownPathIsNotFoundAsProblem() throws Exception {
        mvc.perform(get("/api/v1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
    }

    @Test
    void bodyOverTheRequestLimitIsContentTooLarge() throws Exception {
        store(VALID.replace("fn main() {}", "x".repeat(5000)))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("/problems/payload-too-large"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("cache.limits.max-request-bytes")));
        assertNothingStored(service);
    }

    @Test
    void resultOverTheResultLimitIsContentTooLarge() throws Exception {
        given(codec.encode(any(String.class), any(String.class), any(tools.jackson.databind.JsonNode.class))).willThrow(new ResultTooLargeException(9000, 100));
        store(VALID).andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("cache.limits.max-result-bytes")));
        assertNothingStored(service);
    }

    @Test
    void fullDiskIsInsufficientStorage() throws Exception {
        given(service.store(any())).willThrow(new DataAccessResourceFailureException("write",
                new SQLiteException("database or disk is full", SQLiteErrorCode.SQLITE_FULL)));
        store(VALID).andExpect(status().isInsufficientStorage())
                .andExpect(jsonPath("$.type").value("/problems/insufficient-storage"));
    }

    @Test
    void unreachableDatabaseIsServiceUnavailable() throws Exception {
        given(repository.list(any(), any(), any(), org.mockito.ArgumentMatchers.anyInt()))
                .willThrow(new CannotGetJdbcConnectionException("no connection", new SQLException("timeout", "08001")));
        mvc.perform(get("/api/v1/entries"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("/problems/database-unavailable"));
    }

    @Test
    void unexpectedFailureIsAProblemWithoutStackTrace() throws Exception {
        given(repository.list(any(), any(), any(), org.mockito.ArgumentMatchers.anyInt())).willThrow(new IllegalStateException("boom at Foo.java:12"));
        String body = mvc.perform(get("/api/v1/entries"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("boom").doesNotContain("Foo.java").doesNotContain("Exception");
    }
}
