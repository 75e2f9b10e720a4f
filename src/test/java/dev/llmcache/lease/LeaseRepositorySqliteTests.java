package dev.llmcache.lease;

import dev.llmcache.storage.SqliteRepositoryTest;

@SqliteRepositoryTest
class LeaseRepositorySqliteTests extends LeaseRepositoryScenarios {
}
