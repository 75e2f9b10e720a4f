package dev.llmcache.migration;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class MigrationApiPostgresIntegrationTests extends MigrationApiScenarios {
}
