package dev.llmcache.ledger;

import dev.llmcache.storage.SqliteRepositoryTest;

@SqliteRepositoryTest
class LedgerRepositorySqliteTests extends LedgerRepositoryScenarios {
}
