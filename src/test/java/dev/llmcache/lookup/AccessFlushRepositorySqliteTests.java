package dev.llmcache.lookup;

import dev.llmcache.storage.SqliteRepositoryTest;

@SqliteRepositoryTest
class AccessFlushRepositorySqliteTests extends AccessFlushRepositoryScenarios {
}
