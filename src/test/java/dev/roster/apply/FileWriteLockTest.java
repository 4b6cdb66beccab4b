package dev.roster.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roster.model.BotId;
import dev.roster.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock file in one process: two writers on one folder exclude each other as two processes do, a lock file
 * written by another process names its holder (or says it cannot), and a released lock leaves no open file.
 */
class FileWriteLockTest {
    static final BotId BOT = BotId.of("447506616260");
    static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");

    @TempDir
    Path dir;

    FileWriteLock lock(Path folder, String what, long pid) {
        return new FileWriteLock(folder, () -> new WriteLock.Owner(what, "host-a", pid, T0));
    }

    Path lockFile() {
        return dir.resolve(BOT.value() + ".lock").toAbsolutePath();
    }

    @Test
    void aSecondWriterOnTheSameFolderWaitsNamesTheFirstAndGivesUpAfterTheTimeout() throws Exception {
        FileWriteLock apply = lock(dir, "roster apply", 11);
        FileWriteLock daemon = lock(dir, "roster daemon node-1", 12);
        WriteLock.Lease held = apply.tryAcquire(BOT).orElseThrow();
        MutableClock clock = new MutableClock(T0);
        List<String> told = new ArrayList<>();

        WriteLocks.TimeoutException e = catchThrowableOfType(WriteLocks.TimeoutException.class,
                () -> new WriteLocks(daemon, clock, clock::advance).acquire(List.of(BOT), Duration.ofSeconds(2),
                        told::add));

        String holder = "roster apply on host host-a, pid 11, since 2026-11-30T18:00:00Z (this process)";
        assertThat(e.bot()).isEqualTo(BOT);
        assertThat(e.holder()).isEqualTo(holder);
        assertThat(e.getMessage()).isEqualTo("gave up after 2s waiting for the write lock of bot " + BOT + ", held by "
                + holder);
        assertThat(told).containsExactly("waiting for the write lock of bot " + BOT + ", held by " + holder
                + " (giving up after 2s)");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(2));

        held.close();
        WriteLock.Lease mine = daemon.tryAcquire(BOT).orElseThrow();
        assertThat(apply.holder(BOT)).contains("roster daemon node-1 on host host-a, pid 12, since "
                + "2026-11-30T18:00:00Z (this process)");
        mine.close();
        assertThat(apply.holder(BOT)).as("a released lock file names nobody").contains("another process (lock file "
                + lockFile() + ")");
    }

    @Test
    void aLockFileWrittenByAnotherProcessNamesItsHolder() throws IOException {
        Files.writeString(lockFile(), "holder: roster daemon node-2\nhost: host-b\npid: 4711\n"
                + "since: 2026-11-30T17:00:00Z\n");

        assertThat(lock(dir, "roster apply", 11).holder(BOT)).contains("roster daemon node-2 on host host-b, pid 4711, "
                + "since 2026-11-30T17:00:00Z (lock file " + lockFile() + ")");
    }

    @Test
    void aNameLeftByAProcessThatDiedDoesNotKeepTheNextWriterOut() throws IOException {
        // kill -9 leaves the holder's name in the file, but the operating system let go of its lock
        Files.writeString(lockFile(), "holder: roster apply\nhost: host-b\npid: 4711\nsince: 2026-11-30T17:00:00Z\n");
        FileWriteLock lock = lock(dir, "roster daemon node-1", 12);

        WriteLock.Lease lease = lock.tryAcquire(BOT).orElseThrow();

        assertThat(Files.readString(lockFile()))
                .isEqualTo("holder: roster daemon node-1\nhost: host-a\npid: 12\nsince: 2026-11-30T18:00:00Z\n");
        lease.close();
    }

    @Test
    void aLockFileThatNamesNobodyIsAnotherProcess() throws IOException {
        FileWriteLock lock = lock(dir, "roster apply", 11);
        String another = "another process (lock file " + lockFile() + ")";
        for (String text : List.of(
                "",
                "holder: roster apply\n",
                "host: host-b\npid: 4711\nsince: 2026-11-30T17:00:00Z\n",
                "holder: roster apply\npid: 4711\nsince: 2026-11-30T17:00:00Z\n",
                "holder: roster apply\nhost: host-b\npid: twelve\nsince: 2026-11-30T17:00:00Z\n",
                "holder: roster apply\nhost: host-b\npid: 4711\nsince: yesterday\n",
                "holder roster apply\nhost host-b\npid 4711\nsince 2026-11-30T17:00:00Z\n")) {
            Files.writeString(lockFile(), text);
            assertThat(lock.holder(BOT)).as(text).contains(another);
        }
    }

    @Test
    void aBotWhoseLockFileWasNeverWrittenHasNoHolder() {
        assertThat(lock(dir, "roster apply", 11).holder(BOT)).isEmpty();
    }

    @Test
    void aLockFileThatCannotBeOpenedCountsAsHeldAndCannotBeTaken() throws IOException {
        Files.createDirectories(lockFile()); // a folder where the lock file should be
        FileWriteLock lock = lock(dir, "roster apply", 11);

        assertThat(lock.holder(BOT)).get().asString()
                .startsWith("another process (lock file " + lockFile() + ", unreadable: ");
        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> lock.tryAcquire(BOT));
        assertThat(e).hasMessageStartingWith("cannot take the write lock " + lockFile() + ": ")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aLockFolderThatCannotBeMadeIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("locks"), "a file, not a folder");
        FileWriteLock lock = lock(file.resolve("sub"), "roster apply", 11);

        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> lock.tryAcquire(BOT));

        assertThat(e).hasMessageStartingWith("cannot take the write lock " + lock.file(BOT) + ": ");
    }

    @Test
    void theLockFolderIsMadeWhenMissing() {
        FileWriteLock lock = lock(dir.resolve("var/locks"), "roster apply", 11);

        WriteLock.Lease lease = lock.tryAcquire(BOT).orElseThrow();

        assertThat(lock.file(BOT)).isEqualTo(dir.resolve("var/locks/" + BOT.value() + ".lock").toAbsolutePath())
                .isRegularFile();
        lease.close();
    }

    @Test
    void aReleasedLockLeavesNoOpenFileBehind() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to count open files");
        FileWriteLock lock = lock(dir, "roster apply", 11);

        WriteLock.Lease lease = lock.tryAcquire(BOT).orElseThrow();
        assertThat(openFiles(lockFile())).isEqualTo(1);
        assertThat(lock.tryAcquire(BOT)).isEmpty();
        assertThat(openFiles(lockFile())).as("a refused attempt opens nothing").isEqualTo(1);

        lease.close();
        assertThat(openFiles(lockFile())).isZero();
    }

    /** How many descriptors of this process are open on {@code file}. */
    static long openFiles(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }
}
