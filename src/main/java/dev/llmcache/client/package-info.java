/**
 * The command-line client {@code llmcache} (a POSIX shell script kept in
 * {@code src/main/resources/client/llmcache}), served by the server so that a CI job can fetch it from
 * the cache it talks to: {@link dev.llmcache.client.web.ClientController}. See {@code docs/client.md}.
 */
package dev.llmcache.client;
