package dev.llmcache.budget;

import dev.llmcache.storage.SqliteRepositoryTest;

@SqliteRepositoryTest
class BudgetRepositorySqliteTests extends BudgetRepositoryScenarios {
}
