package dev.llmcache.budget;

import dev.llmcache.storage.PostgresRepositoryTest;

@PostgresRepositoryTest
class BudgetRepositoryPostgresTests extends BudgetRepositoryScenarios {
}
