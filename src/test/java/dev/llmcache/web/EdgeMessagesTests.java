package dev.llmcache.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the edge puts in problems and log lines about a request it refuses: safe, and without the values refused. */
class EdgeMessagesTests {

    @ParameterizedTest
    @ValueSource(strings = {
            "The request was rejected because the header: \"Authorization \" has a value \"Bearer s3cret\u0090\" that is not allowed.",
            "The request was rejected because the header name \"s3cret\u0090\" is not allowed.",
            "The request was rejected because the parameter: \"after \" has a value \"s3cret\u0000\" that is not allowed.",
            "The request was rejected because the parameter name \"s3cret\u0000\" is not allowed.",
            "The request was rejected because the HTTP method \"s3cret\" was not included within the list of allowed HTTP methods [GET]"})
    void firewallReasonsLeaveOutTheValuesRefused(String message) {
        assertThat(MalformedRequestAdvice.reason(message)).doesNotContain("s3cret").isNotBlank();
    }

    @CsvSource(delimiter = '|', value = {
            "The request was rejected because the header: \"X-Cache-Namespace \" has a value \"x\" that is not allowed.|header X-Cache-Namespace has",
            "The request was rejected because the URL contained a potentially malicious String \"%2F\"|the URL contains \"%2F\"",
            "The request was rejected because the URL was not normalized.|not normalized",
            "The requestURI was rejected because it can only contain printable ASCII characters.|printable ASCII"})
    @ParameterizedTest
    void firewallReasonsSayWhatIsWrong(String message, String expected) {
        assertThat(MalformedRequestAdvice.reason(message)).contains(expected);
    }

    @CsvSource(delimiter = '|', value = {
            "/api/v1/stats|/api/v1/stats",
            "//api/v1/stats|/%2Fapi/v1/stats",
            "/a%ZZb|/a%25ZZb",
            "/a b|/a%20b",
            "/caf\u00e9|/caf%C3%A9",
            "/a%2Fb|/a%2Fb",
            "/x^y{}|/x%5Ey%7B%7D"})
    @ParameterizedTest
    void instanceIsARelativeUriWhateverThePath(String raw, String instance) {
        assertThat(ProblemWriter.instance(raw)).hasToString(instance);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\r\nbreak", "\u001b[31mred", "caf\u00e9"})
    void quotedTextIsPrintableAscii(String text) {
        assertThat(ProblemWriter.quoted(text, 100)).matches("[\\x20-\\x7e]*");
        assertThat(ProblemWriter.quoted("x".repeat(300), 100)).hasSize(103).endsWith("...");
    }
}
