package dev.llmcache.eviction;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class EvictionSchedulePostgresIntegrationTests extends EvictionScheduleScenarios {
}
