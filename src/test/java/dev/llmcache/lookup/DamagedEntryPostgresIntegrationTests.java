package dev.llmcache.lookup;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class DamagedEntryPostgresIntegrationTests extends DamagedEntryScenarios {
}
