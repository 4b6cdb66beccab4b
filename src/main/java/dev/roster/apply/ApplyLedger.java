package dev.roster.apply;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the applier must remember between runs, beyond the audit log: the creates that were asked for and whose
 * group has not been seen yet (a provider that creates asynchronously may show the group only later, and a second
 * create then would make a duplicate), and the invite messages sent (each person is sent a group's link once).
 * Per bot: one bot is applied by one writer at a time (its write lock).
 */
public interface ApplyLedger {

    /** A create asked for and not seen done. {@code requestId} is null while the answer is unknown. */
    record PendingCreate(String subject, String requestId, Instant startedAt) {}

    /** The create of {@code subject} that is in flight for {@code bot}, if any. */
    Optional<PendingCreate> pendingCreate(BotId bot, String subject);

    /** A create of {@code subject} is about to be sent (recorded before sending, so a killed process leaves it). */
    void createStarted(BotId bot, String subject, Instant at);

    /** The provider accepted the create of {@code subject} under {@code requestId}. */
    void createRequested(BotId bot, String subject, String requestId);

    /** The create of {@code subject} is over: its group was found, or it failed for certain. */
    void createEnded(BotId bot, String subject);

    /** Whether {@code number} was sent {@code link} of the group already. */
    boolean invited(BotId bot, GroupId group, Msisdn number, URI link);

    /** {@code number} was sent {@code link} of the group at {@code at}. */
    void inviteSent(BotId bot, GroupId group, Msisdn number, URI link, Instant at);

    /** How many invite messages the bot sent on {@code day} (UTC). */
    int invitesSentOn(BotId bot, LocalDate day);

    /** A ledger kept in memory, for one process (tests, and a run without a state folder). */
    static ApplyLedger inMemory() {
        return new JsonLedger(null);
    }

    /**
     * A ledger kept in {@code dir}, one JSON file per bot ({@code <bot>.json}, owner-only), written whole after
     * each change; survives the process.
     */
    static ApplyLedger in(java.nio.file.Path dir) {
        return new JsonLedger(dir);
    }
}
