package dev.llmcache.entry;

import dev.llmcache.storage.SqliteRepositoryTest;

@SqliteRepositoryTest
class EntryRepositorySqliteTests extends EntryRepositoryScenarios {
}
