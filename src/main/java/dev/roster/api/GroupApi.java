package dev.roster.api;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * The group-management operations roster needs, independent of the provider behind them.
 *
 * <p>Every method throws an {@link ApiException} subclass when the call fails; nothing else escapes.
 * Implementations retry only where a retry cannot change the outcome (reads, and writes that are
 * idempotent on the server). {@link #createGroup} is never retried: a lost answer may still have
 * created the group, so the caller must look before trying again.
 *
 * <p>There is deliberately no "add member": people join through the {@link #inviteLink invite link}.
 * A number must be a participant before it can be made admin.
 */
public interface GroupApi {

    /** The ids of every group the bot is in. */
    List<GroupId> listGroups(BotId bot);

    /** One group's subject, creator, admins, members and creation time. */
    LiveGroup getGroup(BotId bot, GroupId group);

    /** Creates a group with the bot as creator and only admin. Not idempotent, never retried. */
    GroupId createGroup(BotId bot, String subject);

    void setSubject(BotId bot, GroupId group, String subject);

    /** The bot leaves the group (the group goes on without it). */
    void leaveGroup(BotId bot, GroupId group);

    /** Removes participants; any number of them (split into calls of at most 20 by the adapter). */
    void removeMembers(BotId bot, GroupId group, Collection<Msisdn> numbers);

    /** Promotes participants to admin; each must already be a participant. */
    void addAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers);

    /** Demotes admins to plain members. */
    void removeAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers);

    /** The group's current invite link. */
    URI inviteLink(BotId bot, GroupId group);

    /** Revokes the current invite link; the next {@link #inviteLink} call yields a new one. */
    void revokeInviteLink(BotId bot, GroupId group);
}
