package dev.llmcache.pricing;

/**
 * One input the pricing refuses: the field at fault and what is wrong with it (the shape of the
 * {@code errors} items of every 400 problem).
 *
 * @param field the request field, query parameter or configuration row at fault
 * @param message what is wrong with it
 */
public record InvalidField(String field, String message) {
}
