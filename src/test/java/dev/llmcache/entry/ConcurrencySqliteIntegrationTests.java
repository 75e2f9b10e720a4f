package dev.llmcache.entry;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class ConcurrencySqliteIntegrationTests extends ConcurrencyScenarios {
}
