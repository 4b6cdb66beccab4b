package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.Msisdn;
import dev.roster.plan.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StatusBoardTest {
    static final BotId BOT = BotId.of("447506616260");

    private static RunRecord run() {
        return new RunRecord(BOT, "n1", null, Instant.parse("2026-01-01T10:00:00Z"), Duration.ofMillis(1200), "abc123",
                RunResult.FAILED, Map.of(Action.ADD_ADMINS, 1), 3, 1,
                Map.of("sales", new TreeSet<>(List.of(Msisdn.parse("+46732004444")))),
                List.of("group sales failed: +46732009999 is not a participant of group:447506616260-1565342732",
                        "bot 447506616260: number 46 73 200 11 22 declared twice"));
    }

    @Test
    void statusHidesPeoplesNumbersButKeepsBotAndGroupIds() {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(run());

        String json = board.toJson(false);

        assertThat(json).contains("\"447506616260\"").contains("group:447506616260-1565342732")
                .contains("bot 447506616260:").contains("\"commit\" : \"abc123\"").contains("\"drift\" : 3")
                .contains("\"add_admins\" : 1").contains("+***")
                .doesNotContain("46732009999").doesNotContain("46 73 200 11 22").doesNotContain("46732004444")
                .doesNotContain("pending_numbers");
    }

    @Test
    void showNumbersShowsThemWithThePendingPeople() {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(run());

        String json = board.toJson(true);

        assertThat(json).contains("+46732009999").contains("pending_numbers").contains("+46732004444");
    }

    @Test
    void skippedRunsDoNotReplaceTheLastRealRun() {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(run());
        board.recordRun(new RunRecord(BOT, "n1", null, Instant.now(), Duration.ZERO, null, RunResult.SKIPPED,
                Map.of(), 0, 0, Map.of(), List.of()));

        assertThat(board.lastRun(BOT).result()).isEqualTo(RunResult.FAILED);
    }
}
