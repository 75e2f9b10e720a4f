package dev.llmcache.security;

import dev.llmcache.support.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configured token a presented bearer token hashes to. The presented token is hashed,
 * then compared with every configured hash by {@link MessageDigest#isEqual} (constant time for
 * equal lengths), with no early exit: how long it takes says nothing about which hash, or how
 * much of one, matched.
 */
final class TokenMatcher {

    private final List<byte[]> hashes;
    private final List<SecurityProperties.Token> tokens;

    TokenMatcher(List<SecurityProperties.Token> tokens) {
        this.tokens = List.copyOf(tokens);
        this.hashes = tokens.stream().map(t -> Hex.bytes(t.sha256())).toList();
    }

    Optional<SecurityProperties.Token> match(String presented) {
        byte[] hash = sha256(presented);
        SecurityProperties.Token found = null;
        for (int i = 0; i < hashes.size(); i++) {
            // Every hash is compared, even after a match.
            if (MessageDigest.isEqual(hashes.get(i), hash)) {
                found = tokens.get(i);
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
