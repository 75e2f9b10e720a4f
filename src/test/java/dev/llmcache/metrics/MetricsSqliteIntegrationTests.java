package dev.llmcache.metrics;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class MetricsSqliteIntegrationTests extends MetricsScenarios {
}
