package dev.roster.testing;

import dev.roster.apply.FileWriteLock;
import dev.roster.apply.WriteLock;
import dev.roster.model.BotId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process that holds a bot's lock file, for tests of writers in other processes: {@code HoldWriteLock DIR BOT}
 * takes the lock as "roster apply", prints {@code held} and holds it until its standard input closes.
 */
public final class HoldWriteLock {
    private HoldWriteLock() {}

    public static void main(String[] args) throws Exception {
        FileWriteLock lock = new FileWriteLock(Path.of(args[0]), () -> WriteLock.Owner.current("roster apply",
                Instant.now()));
        Optional<WriteLock.Lease> lease = lock.tryAcquire(BotId.of(args[1]));
        System.out.println(lease.isPresent() ? "held" : "busy");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the parent closes our input (or dies)
        }
        lease.ifPresent(WriteLock.Lease::close);
    }
}
