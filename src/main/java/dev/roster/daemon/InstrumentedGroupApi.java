package dev.roster.daemon;

import dev.roster.api.ApiException;
import dev.roster.api.GroupApi;
import dev.roster.api.Creation;
import dev.roster.api.InviteTemplate;
import dev.roster.api.NewGroup;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Counts every call by operation and outcome, and refuses to start new calls once the daemon is
 * stopping (a call already in flight finishes), so a shutdown never waits for a whole run.
 */
final class InstrumentedGroupApi implements GroupApi {
    private final GroupApi delegate;
    private final DaemonMetrics metrics;
    private final BooleanSupplier stopping;

    InstrumentedGroupApi(GroupApi delegate, DaemonMetrics metrics, BooleanSupplier stopping) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.stopping = stopping;
    }

    private <T> T call(String operation, Supplier<T> call) {
        if (stopping.getAsBoolean()) {
            throw new ApiException.Unreachable("the daemon is stopping; call not made", null);
        }
        try {
            T result = call.get();
            metrics.recordApiRequest(operation, "ok");
            return result;
        } catch (ApiException e) {
            metrics.recordApiRequest(operation, e.status() == 0 ? "unreachable" : String.valueOf(e.status()));
            throw e;
        }
    }

    private void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public List<GroupId> listGroups(BotId bot) {
        return call("list_groups", () -> delegate.listGroups(bot));
    }

    @Override
    public LiveGroup getGroup(BotId bot, GroupId group) {
        return call("get_group", () -> delegate.getGroup(bot, group));
    }

    @Override
    public void setSubject(BotId bot, GroupId group, String subject) {
        run("set_subject", () -> delegate.setSubject(bot, group, subject));
    }

    @Override
    public void leaveGroup(BotId bot, GroupId group) {
        run("leave_group", () -> delegate.leaveGroup(bot, group));
    }

    @Override
    public void removeMembers(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        run("remove_members", () -> delegate.removeMembers(bot, group, numbers));
    }

    @Override
    public void addAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        run("add_admins", () -> delegate.addAdmins(bot, group, numbers));
    }

    @Override
    public void removeAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        run("remove_admins", () -> delegate.removeAdmins(bot, group, numbers));
    }

    @Override
    public URI inviteLink(BotId bot, GroupId group) {
        return call("invite_link", () -> delegate.inviteLink(bot, group));
    }

    @Override
    public void revokeInviteLink(BotId bot, GroupId group) {
        run("revoke_invite", () -> delegate.revokeInviteLink(bot, group));
    }
    @Override
    public Capabilities capabilities(BotId bot) {
        return delegate.capabilities(bot);
    }

    @Override
    public Creation create(BotId bot, NewGroup group) {
        return call("create_group", () -> delegate.create(bot, group));
    }

    @Override
    public void setDescription(BotId bot, GroupId group, String description) {
        run("set_description", () -> delegate.setDescription(bot, group, description));
    }

    @Override
    public void deleteGroup(BotId bot, GroupId group) {
        run("delete_group", () -> delegate.deleteGroup(bot, group));
    }

    @Override
    public List<String> approveJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        return call("approve_join_requests", () -> delegate.approveJoinRequests(bot, group, requestIds));
    }

    @Override
    public List<String> rejectJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        return call("reject_join_requests", () -> delegate.rejectJoinRequests(bot, group, requestIds));
    }

    @Override
    public void sendInvite(BotId bot, GroupId group, Msisdn number, InviteTemplate template) {
        run("send_invite", () -> delegate.sendInvite(bot, group, number, template));
    }

}
