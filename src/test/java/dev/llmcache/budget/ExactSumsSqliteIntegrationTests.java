package dev.llmcache.budget;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class ExactSumsSqliteIntegrationTests extends ExactSumsScenarios {
}
