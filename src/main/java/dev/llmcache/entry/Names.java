package dev.llmcache.entry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmcache.storage.ReadOnly;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The names dictionary: every string that many entries share (namespace, cache type, repository,
 * provider, model, the writer's token name) is stored once in table {@code names} and referenced by
 * id, which is what keeps rows and indices small. File paths and prompt hashes, nearly one per
 * entry, are text in the row instead ({@link EntryColumns#namesOf}).
 *
 * <p>Both directions are cached in memory (bounded, {@value #CACHED} names each way). That is safe on
 * any number of replicas because a name is never renamed nor deleted and an id is never reused: once
 * committed, id and name belong to each other for ever. (Only an upgrade deletes names, while no server
 * runs: V34 dropped those no row referred to any more.) An id this server adds is cached only when
 * its transaction commits, so a rolled-back name (whose id SQLite may hand out again) is never
 * remembered. Reads never add names: a name that is not there matches no entry.
 */
@Component
public class Names {

    static final int CACHED = 100_000;
    /** Names per query: well below SQLite's limit of bound parameters. */
    private static final int CHUNK = 500;

    private final JdbcClient write;
    private final JdbcClient read;
    private final Cache<Long, String> byId = Caffeine.newBuilder().maximumSize(CACHED).build();
    private final Cache<String, Long> byName = Caffeine.newBuilder().maximumSize(CACHED).build();

    public Names(JdbcClient write, @ReadOnly JdbcClient read) {
        this.write = write;
        this.read = read;
    }

    /** The id of a name, added when new: on the writer, in the caller's transaction. */
    public long idOf(String name) {
        Long cached = byName.getIfPresent(name);
        return cached != null ? cached : idsOf(List.of(name)).get(name);
    }

    /** The ids of names, the new ones added: a few statements for all of them (bulk imports). */
    public Map<String, Long> idsOf(Collection<String> names) {
        Map<String, Long> ids = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            Long cached = byName.getIfPresent(name);
            if (cached != null) {
                ids.put(name, cached);
            } else {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return ids;
        }
        Map<String, Long> found = new HashMap<>();
        selectByName(write, missing, found);
        List<String> absent = missing.stream().filter(name -> !found.containsKey(name)).toList();
        for (int from = 0; from < absent.size(); from += CHUNK) {
            List<String> chunk = absent.subList(from, Math.min(absent.size(), from + CHUNK));
            // DO NOTHING: another replica may add the same name meanwhile (PostgreSQL waits for its commit)
            write.sql("INSERT INTO names (name) VALUES " + String.join(", ", Collections.nCopies(chunk.size(), "(?)"))
                            + " ON CONFLICT (name) DO NOTHING RETURNING id, name")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> found.put(rs.getString("name"), rs.getLong("id"))).list();
        }
        if (found.size() < missing.size()) {
            selectByName(write, missing.stream().filter(name -> !found.containsKey(name)).toList(), found);
        }
        rememberAfterCommit(found);
        ids.putAll(found);
        return ids;
    }

    /** The id of a name already stored (committed), or empty; adds nothing. */
    public Optional<Long> find(String name) {
        Long cached = byName.getIfPresent(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Long> id = read.sql("SELECT id FROM names WHERE name = :name").param("name", name).query(Long.class).optional();
        id.ifPresent(found -> remember(name, found));
        return id;
    }

    /** The name of an id read from a committed row. */
    public String name(long id) {
        String cached = byId.getIfPresent(id);
        return cached != null ? cached : names(List.of(id)).get(id);
    }

    /** The names of ids read from committed rows: one query for those not cached. */
    public Map<Long, String> names(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>(byId.getAllPresent(ids));
        if (names.size() == ids.size()) {
            return names;
        }
        List<Long> missing = ids.stream().distinct().filter(id -> !names.containsKey(id)).toList();
        for (int from = 0; from < missing.size(); from += CHUNK) {
            read.sql("SELECT id, name FROM names WHERE id IN (:ids)")
                    .param("ids", missing.subList(from, Math.min(missing.size(), from + CHUNK)))
                    .query((rs, n) -> {
                        long id = rs.getLong("id");
                        String name = rs.getString("name");
                        remember(name, id);
                        return names.put(id, name);
                    }).list();
        }
        for (Long id : missing) {
            if (!names.containsKey(id)) {
                throw new IllegalStateException("no name has id " + id + ": the names table lost a row");
            }
        }
        return names;
    }

    private static void selectByName(JdbcClient jdbc, List<String> names, Map<String, Long> into) {
        for (int from = 0; from < names.size(); from += CHUNK) {
            jdbc.sql("SELECT id, name FROM names WHERE name IN (:names)")
                    .param("names", names.subList(from, Math.min(names.size(), from + CHUNK)))
                    .query((rs, n) -> into.put(rs.getString("name"), rs.getLong("id"))).list();
        }
    }

    /** Caches ids read or added on the writer once they are committed (at once outside a transaction). */
    private void rememberAfterCommit(Map<String, Long> ids) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            ids.forEach(this::remember);
            return;
        }
        Map<String, Long> copy = Map.copyOf(ids);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                copy.forEach(Names.this::remember);
            }
        });
    }

    private void remember(String name, long id) {
        byName.put(name, id);
        byId.put(id, name);
    }
}
