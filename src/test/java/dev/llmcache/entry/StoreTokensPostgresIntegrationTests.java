package dev.llmcache.entry;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class StoreTokensPostgresIntegrationTests extends StoreTokensScenarios {
}
