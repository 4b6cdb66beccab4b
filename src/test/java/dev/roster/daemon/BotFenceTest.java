package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BotFenceTest {
    static final BotId BOT = BotId.of("447506616260");

    @Test
    void localFenceAdmitsOneRunOfABotAtATime() {
        BotFence fence = BotFence.local();

        Optional<BotFence.Lease> first = fence.tryAcquire(BOT);
        assertThat(first).isPresent();
        assertThat(fence.tryAcquire(BOT)).isEmpty();
        Optional<BotFence.Lease> other = fence.tryAcquire(BotId.of("447506616261"));
        assertThat(other).isPresent();

        first.get().close();
        assertThat(fence.tryAcquire(BOT)).isPresent();
    }

    @Test
    void advisoryLockKeysAreStablePerBotAndDistinctAcrossBots() {
        assertThat(AdvisoryLockFence.lockKey(BOT)).isEqualTo(AdvisoryLockFence.lockKey(BotId.of("447506616260")));
        assertThat(AdvisoryLockFence.lockKey(BOT)).isNotEqualTo(AdvisoryLockFence.lockKey(BotId.of("447506616261")));
    }
}
