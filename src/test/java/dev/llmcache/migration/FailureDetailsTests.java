package dev.llmcache.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureDetailsTests {

    @Test
    void aReasonLosesWhatFollowsItsFirstColonWhereFileContentMayBeQuoted() {
        LegacyFailure parsed = new LegacyFailure("/src/a.json", "docs", "invalid JSON: Unexpected character ('S' (code 83)): "
                + "SECRET_KEY=hunter2");
        assertThat(parsed.withoutDetails().error()).isEqualTo("invalid JSON (the details are shown to ADMIN tokens)")
                .doesNotContain("hunter2");
        LegacyFailure plain = new LegacyFailure("/src/b.json", "docs", "missing field file_hash");
        assertThat(plain.withoutDetails()).isEqualTo(plain);
    }

    @Test
    void aMigrationShownWithoutDetailsKeepsEverythingElse() {
        MigrationResult result = MigrationResult.of(new MigrationProgress(2, 1, 1, 0, null), 100, 40, false, null, null,
                List.of(new LegacyFailure("/src/a.json", "docs", "invalid JSON: hunter2")));
        Migration migration = new Migration("id", "team-a", MigrationStatus.SUCCEEDED, "/src", LegacyLayout.LOCAL, false, false,
                false, Instant.EPOCH, Instant.EPOCH, null, new MigrationProgress(2, 1, 1, 0, null), result, "ops");

        Migration shown = migration.withoutFailureDetails();

        assertThat(shown.result().failures()).singleElement().satisfies(f -> assertThat(f.error()).doesNotContain("hunter2"));
        assertThat(shown.result().totalFailed()).isEqualTo(1);
        assertThat(shown.startedBy()).isEqualTo("ops");
        assertThat(shown.withProgress(shown.progress()).id()).isEqualTo("id");
    }
}
