package dev.llmcache.entry;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class StoreTokensSqliteIntegrationTests extends StoreTokensScenarios {
}
