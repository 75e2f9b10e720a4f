package dev.llmcache.lookup;

import dev.llmcache.storage.PostgresRepositoryTest;

@PostgresRepositoryTest
class AccessFlushRepositoryPostgresTests extends AccessFlushRepositoryScenarios {
}
