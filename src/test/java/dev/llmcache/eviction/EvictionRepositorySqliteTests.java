package dev.llmcache.eviction;

import dev.llmcache.storage.SqliteRepositoryTest;

@SqliteRepositoryTest
class EvictionRepositorySqliteTests extends EvictionRepositoryScenarios {
}
