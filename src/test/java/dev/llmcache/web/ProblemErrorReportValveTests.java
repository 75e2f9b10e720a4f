package dev.llmcache.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tomcat's reasons for a refused header line name the header, never its value (a bearer token may be in it). */
class ProblemErrorReportValveTests {

    private static final String CONFORM = " does not conform to RFC 9112. The request has been rejected.";

    @Test
    void aRefusedHeaderLineKeepsItsNameAndHidesItsValue() {
        assertThat(ProblemErrorReportValve.withoutHeaderValues("The HTTP header line [Authorization:Bearer secretA]" + CONFORM))
                .isEqualTo("The HTTP header line [Authorization: (value not shown)]" + CONFORM);
    }

    @Test
    void aLineWithoutAColonOrWithASpaceBeforeItOrAPieceOfOneIsNotShownAtAll() {
        for (String line : new String[] {"Authorization Bearer secretC", "Authorization : Bearer secretE", "retF0x0d"}) {
            assertThat(ProblemErrorReportValve.withoutHeaderValues("The HTTP header line [" + line + "]" + CONFORM))
                    .isEqualTo("The HTTP header line [(value not shown)]" + CONFORM);
        }
    }

    @Test
    void otherReasonsAreLeftAsTheyAre() {
        String method = "Invalid character found in method name [GE T]. HTTP method names must be tokens";
        assertThat(ProblemErrorReportValve.withoutHeaderValues(method)).isEqualTo(method);
    }
}
