package dev.roster.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.model.BotId;
import dev.roster.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteLocksTest {
    static final BotId BOT = BotId.of("447506616260");
    static final BotId OTHER = BotId.of("447506616261");
    static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");

    @TempDir
    Path dir;

    FileWriteLock fileLock(String what) {
        return new FileWriteLock(dir, () -> new WriteLock.Owner(what, "host-a", 42, T0));
    }

    @Test
    void lockFileAdmitsOneHolderPerBotAndSaysWhoItIs() throws Exception {
        FileWriteLock lock = fileLock("roster apply");
        Optional<WriteLock.Lease> held = lock.tryAcquire(BOT);
        assertThat(held).isPresent();
        assertThat(lock.tryAcquire(BOT)).as("same bot").isEmpty();
        Optional<WriteLock.Lease> other = lock.tryAcquire(OTHER);
        assertThat(other).as("another bot").isPresent();
        assertThat(Files.readString(dir.resolve(BOT.value() + ".lock")))
                .isEqualTo("holder: roster apply\nhost: host-a\npid: 42\nsince: 2026-11-30T18:00:00Z\n");
        assertThat(lock.holder(BOT)).contains("roster apply on host host-a, pid 42, since 2026-11-30T18:00:00Z "
                + "(this process)");

        held.get().close();
        other.get().close();
        assertThat(Files.readString(dir.resolve(BOT.value() + ".lock"))).as("no stale name left").isEmpty();
        Optional<WriteLock.Lease> again = lock.tryAcquire(BOT);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void waitingWriterTellsWhoHoldsTheLockOnceAndGivesUpAtTheTimeoutHoldingNothing() throws Exception {
        FileWriteLock lock = fileLock("roster daemon node-1");
        Optional<WriteLock.Lease> held = lock.tryAcquire(OTHER);
        MutableClock clock = new MutableClock(T0);
        List<Duration> pauses = new ArrayList<>();
        List<String> told = new ArrayList<>();
        WriteLocks locks = new WriteLocks(lock, clock, d -> {
            pauses.add(d);
            clock.advance(d);
        });

        WriteLocks.TimeoutException e = catchThrowableOfType(WriteLocks.TimeoutException.class,
                () -> locks.acquire(List.of(OTHER, BOT), Duration.ofMillis(500), told::add));

        assertThat(e.getMessage()).isEqualTo("gave up after 500ms waiting for the write lock of bot " + OTHER
                + ", held by roster daemon node-1 on host host-a, pid 42, since 2026-11-30T18:00:00Z (this process)");
        assertThat(told).containsExactly("waiting for the write lock of bot " + OTHER + ", held by roster daemon "
                + "node-1 on host host-a, pid 42, since 2026-11-30T18:00:00Z (this process) (giving up after 500ms)");
        assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(100));
        // BOT sorts before OTHER, so it was taken first; giving up let it go again
        Optional<WriteLock.Lease> bot = lock.tryAcquire(BOT);
        assertThat(bot).isPresent();
        bot.get().close();
        held.get().close();
    }

    @Test
    void writerGoesAheadOnceTheHolderLetsGo() throws Exception {
        FileWriteLock lock = fileLock("roster apply");
        Optional<WriteLock.Lease> held = lock.tryAcquire(BOT);
        MutableClock clock = new MutableClock(T0);
        WriteLocks locks = new WriteLocks(lock, clock, d -> {
            clock.advance(d);
            held.get().close(); // the holder finishes during the first pause
        });

        WriteLock.Lease lease = locks.acquire(List.of(BOT), Duration.ofMinutes(2), line -> { });

        assertThat(clock.instant()).isEqualTo(T0.plusMillis(200));
        assertThat(lock.tryAcquire(BOT)).isEmpty();
        lease.close();
        assertThat(lock.tryAcquire(BOT)).isPresent().get().satisfies(WriteLock.Lease::close);
    }

    @Test
    void anInterruptedWaitLetsGoOfTheBotsAlreadyHeld() throws Exception {
        FileWriteLock lock = fileLock("roster apply");
        WriteLock.Lease held = lock.tryAcquire(OTHER).orElseThrow();
        WriteLocks locks = new WriteLocks(lock, new MutableClock(T0), d -> {
            throw new InterruptedException("stopping");
        });

        InterruptedException e = catchThrowableOfType(InterruptedException.class,
                () -> locks.acquire(List.of(BOT, OTHER), Duration.ofMinutes(2), line -> { }));

        assertThat(e).hasMessage("stopping");
        // BOT sorts first and was taken before the wait for OTHER was interrupted
        assertThat(lock.tryAcquire(BOT)).as("BOT let go").isPresent().get().satisfies(WriteLock.Lease::close);
        held.close();
    }

    @Test
    void timeoutsAreWrittenAsASettingWouldWriteThem() {
        assertThat(WriteLocks.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(WriteLocks.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(WriteLocks.format(Duration.ofMillis(500))).isEqualTo("500ms");
    }

    @Test
    void theCurrentOwnerIsThisProcessOnThisHostSinceTheWholeSecond() {
        WriteLock.Owner me = WriteLock.Owner.current("roster apply", T0.plusMillis(1234));

        assertThat(me.what()).isEqualTo("roster apply");
        assertThat(me.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(me.host()).isNotBlank();
        assertThat(me.since()).isEqualTo(T0.plusSeconds(1));
    }
}
