package dev.roster.daemon;

import static dev.roster.testing.LocalHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs asked for outside the schedule: gathered per bot, merged, and held back while the bot runs. */
class RunRequestsTest {
    static final BotId BOT = BotId.of("447506616260");
    static final BotId OTHER = BotId.of("447506616261");
    static final GroupId SALES = GroupId.of("group:447506616260-1700000000");
    static final GroupId BOARD = GroupId.of("group:447506616260-1700000001");

    record Started(BotId bot, RunScope scope) {}

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final List<Started> started = new CopyOnWriteArrayList<>();
    final AtomicBoolean running = new AtomicBoolean();
    final RunRequests requests = new RunRequests(Duration.ofMillis(50), timer,
            bot -> bot.equals(BOT) && running.get(), (bot, scope) -> started.add(new Started(bot, scope)));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void requestsForOneBotWithinTheDebounceBecomeOneRunOfTheirGroups() {
        requests.request(BOT, RunScope.of("sales", SALES));
        requests.request(BOT, RunScope.of("board", BOARD));
        requests.request(BOT, RunScope.of("sales", SALES));
        requests.request(OTHER, RunScope.ALL);

        await("two runs", 5, () -> started.size() == 2);
        assertThat(started).containsExactlyInAnyOrder(
                new Started(BOT, new RunScope(Map.of("sales", SALES, "board", BOARD))),
                new Started(OTHER, RunScope.ALL));
        assertThat(requests.waiting()).isZero();
    }

    @Test
    void aWholeBotRequestCoversTheGroupsAskedFor() {
        requests.request(BOT, RunScope.of("sales", SALES));
        requests.request(BOT, RunScope.ALL);

        await("one run", 5, () -> started.size() == 1);
        assertThat(started.get(0).scope().isAll()).isTrue();
    }

    @Test
    void requestsWhileTheBotRunsWaitAndStartOneRunAfterIt() throws Exception {
        running.set(true);
        requests.request(BOT, RunScope.of("sales", SALES));
        Thread.sleep(200); // four debounce periods while the bot runs
        requests.request(BOT, RunScope.of("board", BOARD));
        Thread.sleep(100);
        assertThat(started).as("nothing starts while the bot runs").isEmpty();
        assertThat(requests.waiting()).isEqualTo(1);

        running.set(false);

        await("the run after", 5, () -> started.size() == 1);
        assertThat(started.get(0).scope().groups()).containsOnlyKeys("sales", "board");
    }

    @Test
    void aScopeSurvivesTheTriggerData() {
        RunScope scope = new RunScope(Map.of("sales", SALES, "board", BOARD));
        assertThat(RunScope.decode(scope.encode())).isEqualTo(scope);
        assertThat(RunScope.decode(null).isAll()).isTrue();
        assertThat(RunScope.decode("sales").isAll()).as("unreadable: the whole bot").isTrue();
        assertThat(RunScope.decode("=group:1-2").isAll()).as("no key: the whole bot").isTrue();
    }
}
