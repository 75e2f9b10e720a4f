package dev.llmcache.support;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says on screen why tests were skipped (Maven's summary only counts them): at the end of a run,
 * one line per reason with how many tests and containers it skipped, e.g. the PostgreSQL tests
 * without {@code TEST_POSTGRES_URL}. Registered in META-INF/services.
 */
public class SkippedTestsReport implements TestExecutionListener {

    private final Map<String, Long> reasons = new TreeMap<>();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan started) {
        plan = started;
    }

    /** A skipped class skips its tests without reporting them: count them, as Maven's summary does. */
    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        long tests = test.isTest() ? 1 : plan == null ? 0 : plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count();
        synchronized (reasons) {
            reasons.merge(reason == null || reason.isBlank() ? "no reason given" : reason, tests, Long::sum);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // only skips are reported
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        synchronized (reasons) {
            if (reasons.isEmpty()) {
                return;
            }
            StringBuilder report = new StringBuilder(System.lineSeparator()).append("Skipped, and why:");
            reasons.forEach((reason, count) -> report.append(System.lineSeparator())
                    .append("  ").append(count).append(count == 1 ? " test: " : " tests: ").append(reason));
            System.out.println(report);
            reasons.clear();
        }
    }
}
