package dev.llmcache.eviction;

import dev.llmcache.storage.PostgresRepositoryTest;

@PostgresRepositoryTest
class EvictionRepositoryPostgresTests extends EvictionRepositoryScenarios {
}
