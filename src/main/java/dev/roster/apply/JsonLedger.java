package dev.roster.apply;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.files.PrivateFiles;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ApplyLedger} in memory, written to one JSON file per bot when a folder is given. A file that cannot be
 * read is an error (never silently an empty ledger: that could let a create be sent twice). Thread-safe.
 */
final class JsonLedger implements ApplyLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One bot's file. Invites keep the last link sent per group and person, so the file stays small. */
    static final class BotFile {
        public List<Create> creates = new ArrayList<>();
        public List<Invite> invites = new ArrayList<>();
    }

    static final class Create {
        public String subject;
        public String requestId;
        public String startedAt;
    }

    static final class Invite {
        public String group;
        public String number;
        public String link;
        public String at;
    }

    private final Path dir;
    private final Map<BotId, BotFile> bots = new HashMap<>();

    JsonLedger(Path dir) {
        this.dir = dir;
    }

    @Override
    public synchronized Optional<PendingCreate> pendingCreate(BotId bot, String subject) {
        return of(bot).creates.stream().filter(c -> c.subject.equals(subject)).findFirst()
                .map(c -> new PendingCreate(c.subject, c.requestId, Instant.parse(c.startedAt)));
    }

    @Override
    public synchronized void createStarted(BotId bot, String subject, Instant at) {
        BotFile file = of(bot);
        file.creates.removeIf(c -> c.subject.equals(subject));
        Create c = new Create();
        c.subject = subject;
        c.startedAt = at.toString();
        file.creates.add(c);
        save(bot, file);
    }

    @Override
    public synchronized void createRequested(BotId bot, String subject, String requestId) {
        BotFile file = of(bot);
        file.creates.stream().filter(c -> c.subject.equals(subject)).forEach(c -> c.requestId = requestId);
        save(bot, file);
    }

    @Override
    public synchronized void createEnded(BotId bot, String subject) {
        BotFile file = of(bot);
        if (file.creates.removeIf(c -> c.subject.equals(subject))) {
            save(bot, file);
        }
    }

    @Override
    public synchronized boolean invited(BotId bot, GroupId group, Msisdn number, URI link) {
        return of(bot).invites.stream().anyMatch(i -> i.group.equals(group.value())
                && i.number.equals(number.e164()) && i.link.equals(link.toString()));
    }

    @Override
    public synchronized void inviteSent(BotId bot, GroupId group, Msisdn number, URI link, Instant at) {
        BotFile file = of(bot);
        file.invites.removeIf(i -> i.group.equals(group.value()) && i.number.equals(number.e164()));
        Invite i = new Invite();
        i.group = group.value();
        i.number = number.e164();
        i.link = link.toString();
        i.at = at.toString();
        file.invites.add(i);
        save(bot, file);
    }

    @Override
    public synchronized int invitesSentOn(BotId bot, LocalDate day) {
        return (int) of(bot).invites.stream()
                .filter(i -> Instant.parse(i.at).atZone(ZoneOffset.UTC).toLocalDate().equals(day))
                .count();
    }

    private BotFile of(BotId bot) {
        return bots.computeIfAbsent(bot, this::read);
    }

    private BotFile read(BotId bot) {
        if (dir == null) {
            return new BotFile();
        }
        Path file = fileOf(bot);
        if (!Files.exists(file)) {
            return new BotFile();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<BotFile>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the apply ledger " + file + " (creates in flight and invites "
                    + "sent); fix or remove it: " + e.getMessage(), e);
        }
    }

    private void save(BotId bot, BotFile content) {
        if (dir == null) {
            return;
        }
        Path file = fileOf(bot);
        try {
            Files.createDirectories(dir);
            Path temp = PrivateFiles.temporaryFile(dir, ".ledger", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the apply ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private Path fileOf(BotId bot) {
        return dir.resolve(bot.value().replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }
}
