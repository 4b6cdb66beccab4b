package dev.roster.api;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** A {@link GroupApi} bound to a {@link RunDeadline}; see {@link RunDeadline#bound(GroupApi)}. */
final class DeadlineBoundApi implements GroupApi {
    private final GroupApi delegate;
    private final RunDeadline deadline;

    DeadlineBoundApi(GroupApi delegate, RunDeadline deadline) {
        this.delegate = delegate;
        this.deadline = deadline;
    }

    private <T> T call(String what, Supplier<T> call) {
        if (deadline.hasPassed()) {
            throw new ApiException.RunDeadlineExceeded(
                    "not done: the run's time limit of " + deadline.describe() + " had passed before " + what, false);
        }
        return deadline.around(call);
    }

    private void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public List<GroupId> listGroups(BotId bot) {
        return call("listing the groups of bot " + bot, () -> delegate.listGroups(bot));
    }

    @Override
    public LiveGroup getGroup(BotId bot, GroupId group) {
        return call("reading group " + group, () -> delegate.getGroup(bot, group));
    }

    @Override
    public void setSubject(BotId bot, GroupId group, String subject) {
        run("setting the subject of group " + group, () -> delegate.setSubject(bot, group, subject));
    }

    @Override
    public void leaveGroup(BotId bot, GroupId group) {
        run("leaving group " + group, () -> delegate.leaveGroup(bot, group));
    }

    @Override
    public void removeMembers(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        run("removing members of group " + group, () -> delegate.removeMembers(bot, group, numbers));
    }

    @Override
    public void addAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        run("promoting admins of group " + group, () -> delegate.addAdmins(bot, group, numbers));
    }

    @Override
    public void removeAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        run("demoting admins of group " + group, () -> delegate.removeAdmins(bot, group, numbers));
    }

    @Override
    public URI inviteLink(BotId bot, GroupId group) {
        return call("reading the invite link of group " + group, () -> delegate.inviteLink(bot, group));
    }

    @Override
    public void revokeInviteLink(BotId bot, GroupId group) {
        run("rotating the invite link of group " + group, () -> delegate.revokeInviteLink(bot, group));
    }

    @Override
    public Capabilities capabilities(BotId bot) {
        return delegate.capabilities(bot);
    }

    @Override
    public Creation create(BotId bot, NewGroup group) {
        return call("creating a group", () -> delegate.create(bot, group));
    }

    @Override
    public void setDescription(BotId bot, GroupId group, String description) {
        run("setting the description of group " + group, () -> delegate.setDescription(bot, group, description));
    }

    @Override
    public void deleteGroup(BotId bot, GroupId group) {
        run("deleting group " + group, () -> delegate.deleteGroup(bot, group));
    }

    @Override
    public List<String> approveJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        return call("approving join requests of group " + group,
                () -> delegate.approveJoinRequests(bot, group, requestIds));
    }

    @Override
    public List<String> rejectJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        return call("rejecting join requests of group " + group,
                () -> delegate.rejectJoinRequests(bot, group, requestIds));
    }

    @Override
    public void sendInvite(BotId bot, GroupId group, Msisdn number, InviteTemplate template) {
        run("sending an invite to group " + group, () -> delegate.sendInvite(bot, group, number, template));
    }

    @Override
    public String toString() {
        return delegate + " until " + deadline.at();
    }
}
