package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import org.junit.jupiter.api.Test;

class BotFenceTest {
    static final BotId BOT = BotId.of("447506616260");

    @Test
    void advisoryLockKeysAreStablePerBotAndDistinctAcrossBots() {
        assertThat(AdvisoryLockFence.lockKey(BOT)).isEqualTo(AdvisoryLockFence.lockKey(BotId.of("447506616260")));
        assertThat(AdvisoryLockFence.lockKey(BOT)).isNotEqualTo(AdvisoryLockFence.lockKey(BotId.of("447506616261")));
    }
}
