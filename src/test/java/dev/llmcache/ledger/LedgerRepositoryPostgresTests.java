package dev.llmcache.ledger;

import dev.llmcache.storage.PostgresRepositoryTest;

@PostgresRepositoryTest
class LedgerRepositoryPostgresTests extends LedgerRepositoryScenarios {
}
