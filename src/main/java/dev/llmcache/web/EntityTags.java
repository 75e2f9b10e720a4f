package dev.llmcache.web;

import java.util.Arrays;

/** RFC 9110's {@code If-None-Match} for the answers that carry an ETag (entries, pricing). */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * Whether {@code If-None-Match} names the current ETag: weak comparison, a list, or {@code *}
     * (any current representation), so a GET or HEAD answers 304.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
