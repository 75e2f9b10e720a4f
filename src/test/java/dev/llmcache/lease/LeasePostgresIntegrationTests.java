package dev.llmcache.lease;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class LeasePostgresIntegrationTests extends LeaseScenarios {
}
