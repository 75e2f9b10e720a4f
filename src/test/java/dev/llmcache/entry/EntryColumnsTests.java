package dev.llmcache.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The positions rows are read by follow the columns reads select. */
class EntryColumnsTests {

    @Test
    void eachColumnIsReadAtItsPlaceInTheSelectedListAndTheResultRightAfter() {
        List<String> selected = List.of(EntryColumns.SELECTED.split(", "));

        for (int i = 0; i < selected.size(); i++) {
            assertThat(EntryColumns.selected(selected.get(i).substring("e.".length()))).isEqualTo(i + 1);
        }
        assertThat(selected).contains("e.id", "e.cache_key", "e.written_by_id");
        assertThat(EntryColumns.RESULT_POSITION).isEqualTo(selected.size() + 1);
    }

    @Test
    void aColumnThatReadsDoNotSelectIsRefused() {
        assertThatThrownBy(() -> EntryColumns.selected("result")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("result");
    }
}
