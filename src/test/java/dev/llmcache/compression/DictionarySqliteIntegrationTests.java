package dev.llmcache.compression;

import dev.llmcache.support.SqliteIntegrationTest;

@SqliteIntegrationTest
class DictionarySqliteIntegrationTests extends DictionaryScenarios {
}
