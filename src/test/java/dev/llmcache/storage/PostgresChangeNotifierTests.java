package dev.llmcache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresChangeNotifierTests {

    private final PostgresChangeNotifier here = new PostgresChangeNotifier(DatabaseVendor.POSTGRESQL, null);
    private final PostgresChangeNotifier elsewhere = new PostgresChangeNotifier(DatabaseVendor.POSTGRESQL, null);

    @Test
    void anotherReplicaHearsTheKeyAndNamespaceOfAChange() {
        String notice = elsewhere.notice(new EntriesChanged("team\nwith a newline", "ab".repeat(32)));

        assertThat(here.heard(notice)).contains(new EntriesChangedElsewhere("team\nwith a newline", "ab".repeat(32)));
    }

    @Test
    void aChangeOfAnyEntryIsHeardAsSuch() {
        assertThat(here.heard(elsewhere.notice(EntriesChanged.any()))).contains(new EntriesChangedElsewhere(null, null));
    }

    @Test
    void aFlushOfAccessCountsIsHeardAsSuchAndByAnEarlierVersionAsAChangeOfAnyEntry() {
        String notice = elsewhere.notice(new EntriesAccessed());

        assertThat(here.heard(notice)).contains(new EntriesAccessedElsewhere());
        assertThat(elsewhere.heard(notice)).as("its own").isEmpty();
        assertThat(notice.split("\n", 3)).as("fewer than three lines: what an earlier version hears as any entry").hasSize(2);
    }

    @Test
    void aReplicaIgnoresItsOwnNotices() {
        assertThat(here.heard(here.notice(new EntriesChanged("ns", "ab".repeat(32))))).isEmpty();
        assertThat(here.heard(here.notice(EntriesChanged.any()))).isEmpty();
    }

    @Test
    void aNoticeThatCannotBeReadForgetsEverything() {
        assertThat(here.heard("not ours")).contains(new EntriesChangedElsewhere(null, null));
    }
}
