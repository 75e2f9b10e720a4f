package dev.llmcache.compression;

import dev.llmcache.storage.SqliteRepositoryTest;

@SqliteRepositoryTest
class DictionaryRepositorySqliteTests extends DictionaryRepositoryScenarios {
}
