package dev.llmcache.stats;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class StatsSqliteIntegrationTests extends StatsScenarios {
}
