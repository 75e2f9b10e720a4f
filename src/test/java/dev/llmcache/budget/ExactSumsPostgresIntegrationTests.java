package dev.llmcache.budget;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class ExactSumsPostgresIntegrationTests extends ExactSumsScenarios {
}
