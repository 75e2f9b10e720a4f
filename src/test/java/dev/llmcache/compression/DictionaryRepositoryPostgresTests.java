package dev.llmcache.compression;

import dev.llmcache.storage.PostgresRepositoryTest;

@PostgresRepositoryTest
class DictionaryRepositoryPostgresTests extends DictionaryRepositoryScenarios {
}
