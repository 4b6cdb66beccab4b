package dev.roster.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.model.BotId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The removal guard's arithmetic and its message, apart from any plan. */
class RemovalGuardTest {
    static final BotId BOT = BotId.of("447506616260");

    @Test
    void theLimitIsAPercentageFromZeroToAHundred() {
        assertThat(RemovalGuard.of(0).maxPercent()).isZero();
        assertThat(RemovalGuard.of(100).maxPercent()).isEqualTo(100);
        assertThatThrownBy(() -> RemovalGuard.of(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPercent must be from 0 to 100: -1");
        assertThatThrownBy(() -> RemovalGuard.of(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removingExactlyTheLimitIsAllowedAndOneMoreIsRefused() {
        RemovalGuard guard = RemovalGuard.of(25);
        assertThat(guard.refusal(BOT, "sales", 1, 4)).isNull();
        assertThat(guard.refusal(BOT, "sales", 2, 4)).isEqualTo("refused: the plan removes 2 of 4 participants"
                + " (50%), more than reconcile.maxRemovalPercent (25%); allow it for one run with --allow-removal"
                + " sales or --max-removal-percent 50, or raise the setting");
        assertThat(guard.refusal(BOT, "sales", 0, 0)).as("no removal").isNull();
    }

    @Test
    void aGroupAllowedByKeyOrByBotAndKeyIsNotRefused() {
        assertThat(new RemovalGuard(0, Set.of("sales")).refusal(BOT, "sales", 3, 3)).isNull();
        assertThat(new RemovalGuard(0, Set.of(BOT + ":sales")).refusal(BOT, "sales", 3, 3)).isNull();
        assertThat(new RemovalGuard(0, Set.of("board")).refusal(BOT, "sales", 3, 3)).isNotNull();
    }

    @Test
    void aGroupWithoutAKeyIsNamedAsKeyInTheHint() {
        assertThat(RemovalGuard.of(0).refusal(BOT, null, 1, 0)).contains("(100%)").contains("--allow-removal KEY");
    }

    @Test
    void theDefaultPlannerOptionsNeitherPruneNorGuard() {
        assertThat(PlannerOptions.defaults()).isEqualTo(new PlannerOptions(false, RemovalGuard.NONE));
        assertThat(RemovalGuard.NONE.refusal(BOT, "sales", 10, 10)).isNull();
    }
}
