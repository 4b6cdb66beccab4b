package dev.roster.apply;

import dev.roster.model.BotId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The write lock on one machine without a database: one file per bot, {@code <dir>/<bot>.lock}, locked with
 * {@link FileChannel#tryLock()} (an operating-system lock: it is released when the holder ends, even by
 * kill -9, so it never needs cleaning up). While held, the file says who holds it ({@code holder}, {@code host},
 * {@code pid}, {@code since}); a waiting writer reads that to name the holder.
 *
 * <p>Within one JVM the operating system does not tell two holders apart (and closing any channel of a locked
 * file may drop the process's lock), so this process's locks are also kept in a map, and every file operation
 * of this class runs under one monitor: two threads of one process exclude each other as two processes do.
 */
public final class FileWriteLock implements WriteLock {
    private static final Object MONITOR = new Object();
    private static final Map<Path, Owner> HELD_HERE = new ConcurrentHashMap<>();

    private final Path dir;
    private final Supplier<Owner> owner;

    /**
     * @param dir   the folder of the lock files (created when missing)
     * @param owner who takes a lock, asked at each acquisition (its {@code since} is the time of taking)
     */
    public FileWriteLock(Path dir, Supplier<Owner> owner) {
        this.dir = dir;
        this.owner = owner;
    }

    /** The lock file of a bot. */
    public Path file(BotId bot) {
        return dir.resolve(bot.value() + ".lock").toAbsolutePath().normalize();
    }

    @Override
    public Optional<Lease> tryAcquire(BotId bot) {
        Path file = file(bot);
        synchronized (MONITOR) {
            if (HELD_HERE.containsKey(file)) {
                return Optional.empty();
            }
            Owner me = owner.get();
            FileChannel channel = null;
            try {
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close(); // this process holds no lock on the file, so closing drops nothing
                    return Optional.empty();
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(text(me).getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                HELD_HERE.put(file, me);
                FileChannel held = channel;
                return Optional.of(() -> release(file, held, lock));
            } catch (IOException e) {
                closeQuietly(channel);
                throw new IllegalStateException("cannot take the write lock " + file + ": " + e, e);
            }
        }
    }

    @Override
    public Optional<String> holder(BotId bot) {
        Path file = file(bot);
        synchronized (MONITOR) {
            Owner here = HELD_HERE.get(file);
            if (here != null) {
                return Optional.of(here.describe() + " (this process)");
            }
            try {
                // safe to open and close: this process holds no lock on the file
                Owner other = parse(Files.readString(file, StandardCharsets.UTF_8));
                return Optional.of(other != null ? other.describe() + " (lock file " + file + ")"
                        : "another process (lock file " + file + ")");
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException | UncheckedIOException e) {
                return Optional.of("another process (lock file " + file + ", unreadable: " + e.getMessage() + ")");
            }
        }
    }

    private static void release(Path file, FileChannel channel, FileLock lock) {
        synchronized (MONITOR) {
            try {
                if (lock.isValid()) {
                    channel.truncate(0); // the next holder writes its own name; nobody reads a stale one meanwhile
                    lock.release();
                }
            } catch (IOException e) {
                // closing the channel below releases the lock anyway
            } finally {
                closeQuietly(channel);
                HELD_HERE.remove(file);
            }
        }
    }

    static String text(Owner owner) {
        return "holder: " + owner.what() + "\nhost: " + owner.host() + "\npid: " + owner.pid()
                + "\nsince: " + owner.since() + "\n";
    }

    /** The owner a lock file names, or null when it names none (empty, being written, or not ours). */
    static Owner parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        if (fields.get("holder") == null || fields.get("host") == null) {
            return null;
        }
        try {
            return new Owner(fields.get("holder"), fields.get("host"), Long.parseLong(fields.get("pid")),
                    Instant.parse(fields.get("since")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
