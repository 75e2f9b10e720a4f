package dev.llmcache.entry;

import dev.llmcache.storage.PostgresRepositoryTest;

@PostgresRepositoryTest
class EntryRepositoryPostgresTests extends EntryRepositoryScenarios {
}
