package dev.llmcache.lease;

import dev.llmcache.storage.PostgresRepositoryTest;

@PostgresRepositoryTest
class LeaseRepositoryPostgresTests extends LeaseRepositoryScenarios {
}
