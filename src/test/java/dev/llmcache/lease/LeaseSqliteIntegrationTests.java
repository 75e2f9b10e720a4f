package dev.llmcache.lease;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class LeaseSqliteIntegrationTests extends LeaseScenarios {
}
