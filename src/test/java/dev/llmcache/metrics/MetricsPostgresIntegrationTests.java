package dev.llmcache.metrics;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class MetricsPostgresIntegrationTests extends MetricsScenarios {
}
