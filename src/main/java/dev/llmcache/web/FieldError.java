package dev.llmcache.web;

/**
 * One invalid input in a 400 answer: the request field, query parameter or header at fault, and
 * what is wrong with it.
 */
public record FieldError(String field, String message) {
}
