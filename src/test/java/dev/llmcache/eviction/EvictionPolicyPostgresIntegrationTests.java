package dev.llmcache.eviction;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class EvictionPolicyPostgresIntegrationTests extends EvictionPolicyScenarios {
}
