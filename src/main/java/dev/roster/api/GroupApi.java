package dev.roster.api;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
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
 *
 * <p>Providers differ ({@link #capabilities}); callers use only what a bot's capabilities offer. A method the
 * provider has no call for throws {@link ApiException.Unsupported} without sending anything.
 */
public interface GroupApi {

    /** What the provider behind {@code bot} can do. */
    Capabilities capabilities(BotId bot);

    /** The ids of every group the bot is in. */
    List<GroupId> listGroups(BotId bot);

    /** One group's subject, creator, admins, members and creation time. */
    LiveGroup getGroup(BotId bot, GroupId group);

    /**
     * Creates a group with the bot as creator and only admin. Not idempotent, never retried. With
     * {@link Capabilities#asyncCreate()} the answer may carry only a request id: the group appears later (in the
     * bot's list, with the subject asked for), and until it does the creation is in flight.
     */
    Creation create(BotId bot, NewGroup group);

    /** {@link #create} with a subject only, for a provider that answers with the group's id. */
    default GroupId createGroup(BotId bot, String subject) {
        Creation made = create(bot, new NewGroup(subject, null, null));
        if (made.groupId() == null) {
            throw new ApiException.Unsupported("the provider creates groups asynchronously (request "
                    + made.requestId() + "); use create and wait for the group");
        }
        return made.groupId();
    }

    void setSubject(BotId bot, GroupId group, String subject);

    /** The bot leaves the group (the group goes on without it). */
    void leaveGroup(BotId bot, GroupId group);

    /** Removes participants; any number of them (split by the adapter into calls as large as its provider takes). */
    void removeMembers(BotId bot, GroupId group, Collection<Msisdn> numbers);

    /** Promotes participants to admin; each must already be a participant. */
    void addAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers);

    /** Demotes admins to plain members. */
    void removeAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers);

    /** The group's current invite link. */
    URI inviteLink(BotId bot, GroupId group);

    /** Revokes the current invite link; the next {@link #inviteLink} call yields a new one. */
    void revokeInviteLink(BotId bot, GroupId group);

    /** Sets the group's description (empty: none). Needs {@link Capabilities#descriptionMaxLength()} above 0. */
    void setDescription(BotId bot, GroupId group, String description);

    /** Deletes the group, which removes every participant, the bot included. Needs {@link Capabilities#delete()}. */
    void deleteGroup(BotId bot, GroupId group);

    /**
     * Lets in the people who asked to join by these requests ({@link Capabilities#joinApproval()}).
     *
     * @return the ids of the requests that could not be approved (withdrawn meanwhile, or the group is full)
     */
    List<String> approveJoinRequests(BotId bot, GroupId group, Collection<String> requestIds);

    /** Turns these requests to join away; returns the ids that could not be rejected. */
    List<String> rejectJoinRequests(BotId bot, GroupId group, Collection<String> requestIds);

    /**
     * Sends {@code number} the group's invite link as the template message {@code template}
     * ({@link Capabilities#sendInvites()}). Costs money on the provider's side; never retried.
     */
    void sendInvite(BotId bot, GroupId group, Msisdn number, InviteTemplate template);
}
