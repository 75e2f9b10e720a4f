package dev.llmcache.eviction;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class EvictionPolicySqliteIntegrationTests extends EvictionPolicyScenarios {
}
