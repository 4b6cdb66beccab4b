package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start's wait for PostgreSQL, with the pauses counted instead of slept. */
class DatabaseWaitTest {
    final List<Duration> pauses = new ArrayList<>();

    @Test
    void anUnreachableDatabaseIsTriedWithDoublingPausesUpToABoundThenGivenUp() {
        assertThatThrownBy(() -> DatabaseWait.await("db:5432/roster", () -> {
            throw new SQLException("Connection to db:5432 refused.", "08001");
        }, Duration.ofSeconds(60), pauses::add)).isInstanceOf(IllegalStateException.class)
                .hasMessage("PostgreSQL at db:5432/roster is still unreachable after 60 s (9 attempts):"
                        + " Connection to db:5432 refused.");
        assertThat(pauses).extracting(Duration::toMillis)
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 15_000L, 15_000L, 15_000L);
    }

    @Test
    void aDatabaseThatSaysNoIsNotWaitedFor() {
        assertThatThrownBy(() -> DatabaseWait.await("db:5432/roster", () -> {
            throw new SQLException("password authentication failed for user \"roster\"", "28P01");
        }, Duration.ofSeconds(60), pauses::add)).hasMessage("cannot connect to PostgreSQL at db:5432/roster:"
                + " password authentication failed for user \"roster\"");
        assertThat(pauses).isEmpty();
    }

    @Test
    void aDatabaseStartingUpIsWaitedForAndTheQueryOfTheUrlIsNeverShown() {
        int[] calls = {0};
        int failures = DatabaseWait.await("db", () -> {
            if (calls[0]++ < 2) {
                throw new SQLException("the database system is starting up", "57P03");
            }
            return null; // try-with-resources accepts a null resource
        }, Duration.ofSeconds(60), pauses::add);
        assertThat(failures).isEqualTo(2);
        assertThat(pauses).hasSize(2);
        assertThat(DatabaseWait.describe("jdbc:postgresql://db/roster?password=s3cret"))
                .isEqualTo("jdbc:postgresql://db/roster");
    }
}
