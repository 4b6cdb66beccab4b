package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RunHistoryTest {
    private static final BotId BOT = BotId.of("447506616260");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static RunRecord runAt(int second) {
        return new RunRecord(BOT, "n1", null, T0.plusSeconds(second), Duration.ofMillis(10), "abc123", RunResult.OK,
                Map.of(), 0, 0, Map.of(), List.of());
    }

    @Test
    void keepsTheLastFiftyRunsPerBotNewestFirstWithTheirScope() {
        RunHistory history = new RunHistory();
        for (int i = 0; i < RunHistory.RUNS_PER_BOT + 5; i++) {
            history.recordRun(runAt(i), RunScope.ALL);
        }
        history.recordRun(runAt(100), RunScope.of("sales", GroupId.of("group:447506616260-1565342732")));

        List<RunHistory.Run> runs = history.runs(BOT);
        assertThat(runs).hasSize(RunHistory.RUNS_PER_BOT);
        assertThat(runs.get(0).record().started()).isEqualTo(T0.plusSeconds(100));
        assertThat(runs.get(0).scope()).containsExactly("sales");
        assertThat(runs.get(0).covers("sales")).isTrue();
        assertThat(runs.get(0).covers("support")).isFalse();
        assertThat(runs.get(1).scope()).as("a run of the whole bot").isEmpty();
        assertThat(runs.get(RunHistory.RUNS_PER_BOT - 1).record().started()).as("the oldest kept")
                .isEqualTo(T0.plusSeconds(6));
    }

    private static RunRecord fullRunAt(int second, String... keys) {
        List<GroupStatus> groups = new ArrayList<>();
        for (String key : keys) {
            groups.add(new GroupStatus(key, null, key, null, List.of(), List.of(), 2, 1, new TreeSet<>(), true, null));
        }
        return runAt(second).withGroups(groups, List.of(), false);
    }

    @Test
    void keepsRunsWithoutTheirGroupsAndOneListOfKeysForFullRunsOfTheSameGroups() {
        RunHistory history = new RunHistory();
        history.recordRun(fullRunAt(0, "sales", "support"), RunScope.ALL);
        history.recordRun(runAt(1), RunScope.of("sales", GroupId.of("group:447506616260-1565342732")));
        history.recordRun(fullRunAt(2, "support", "sales"), RunScope.ALL);
        history.recordRun(fullRunAt(3, "sales"), RunScope.ALL);

        List<RunHistory.Run> runs = history.runs(BOT);
        assertThat(runs).allSatisfy(run -> assertThat(run.record().groups()).isEmpty());
        assertThat(runs.get(1).covered()).as("the same keys as the run two before: the same list")
                .containsExactly("sales", "support").isSameAs(runs.get(3).covered());
        assertThat(runs.get(1).covers("support")).isTrue();
        assertThat(runs.get(0).covers("support")).as("a full run after support was removed").isFalse();
        assertThat(runs.get(0).covers("sales")).isTrue();
        assertThat(runs.get(2).covers("support")).as("a run of sales only").isFalse();
    }

    @Test
    void keepsTheLastHundredEventsAndForgetsBotsNoLongerDeclared() {
        StatusBoard board = new StatusBoard("n1");
        for (int i = 0; i < RunHistory.EVENTS_PER_BOT + 1; i++) {
            board.recordEvent(BOT, null, "event " + i, T0.plusSeconds(i));
        }

        assertThat(board.history().events(BOT)).hasSize(RunHistory.EVENTS_PER_BOT)
                .first().extracting(RunHistory.Event::description).isEqualTo("event 100");
        board.retainBots(Set.of());
        assertThat(board.history().events(BOT)).isEmpty();
    }
}
