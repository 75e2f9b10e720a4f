package dev.llmcache.lookup;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class DamagedEntrySqliteIntegrationTests extends DamagedEntryScenarios {
}
