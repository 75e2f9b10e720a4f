package dev.llmcache.migration;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class MigrationApiSqliteIntegrationTests extends MigrationApiScenarios {
}
