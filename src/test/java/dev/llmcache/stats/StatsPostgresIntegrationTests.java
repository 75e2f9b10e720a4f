package dev.llmcache.stats;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class StatsPostgresIntegrationTests extends StatsScenarios {
}
