package dev.roster.api;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One {@link GroupApi} over several providers: each call goes to the client of the provider its bot is managed
 * through, so that a repository with bots on different providers plans and applies in one run. A bot's
 * capabilities are the ones the settings give it (its provider's, with the limits configured).
 */
public final class ProviderRouter implements GroupApi {
    private final Function<BotId, GroupApi> clients;
    private final Function<BotId, Capabilities> capabilities;

    /**
     * @param clients      the client of each bot's provider (at the bot's base URL)
     * @param capabilities each bot's capabilities, as the settings give them
     */
    public ProviderRouter(Function<BotId, GroupApi> clients, Function<BotId, Capabilities> capabilities) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    private GroupApi of(BotId bot) {
        return clients.apply(bot);
    }

    @Override
    public Capabilities capabilities(BotId bot) {
        return capabilities.apply(bot);
    }

    @Override
    public List<GroupId> listGroups(BotId bot) {
        return of(bot).listGroups(bot);
    }

    @Override
    public LiveGroup getGroup(BotId bot, GroupId group) {
        return of(bot).getGroup(bot, group);
    }

    @Override
    public Creation create(BotId bot, NewGroup group) {
        return of(bot).create(bot, group);
    }

    @Override
    public void setSubject(BotId bot, GroupId group, String subject) {
        of(bot).setSubject(bot, group, subject);
    }

    @Override
    public void leaveGroup(BotId bot, GroupId group) {
        of(bot).leaveGroup(bot, group);
    }

    @Override
    public void removeMembers(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        of(bot).removeMembers(bot, group, numbers);
    }

    @Override
    public void addAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        of(bot).addAdmins(bot, group, numbers);
    }

    @Override
    public void removeAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        of(bot).removeAdmins(bot, group, numbers);
    }

    @Override
    public URI inviteLink(BotId bot, GroupId group) {
        return of(bot).inviteLink(bot, group);
    }

    @Override
    public void revokeInviteLink(BotId bot, GroupId group) {
        of(bot).revokeInviteLink(bot, group);
    }

    @Override
    public void setDescription(BotId bot, GroupId group, String description) {
        of(bot).setDescription(bot, group, description);
    }

    @Override
    public void deleteGroup(BotId bot, GroupId group) {
        of(bot).deleteGroup(bot, group);
    }

    @Override
    public List<String> approveJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        return of(bot).approveJoinRequests(bot, group, requestIds);
    }

    @Override
    public List<String> rejectJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        return of(bot).rejectJoinRequests(bot, group, requestIds);
    }

    @Override
    public void sendInvite(BotId bot, GroupId group, Msisdn number, InviteTemplate template) {
        of(bot).sendInvite(bot, group, number, template);
    }

    @Override
    public String toString() {
        return "the provider of each bot";
    }
}
