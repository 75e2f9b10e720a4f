package dev.llmcache.compression;

import dev.llmcache.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class DictionaryPostgresIntegrationTests extends DictionaryScenarios {
}
