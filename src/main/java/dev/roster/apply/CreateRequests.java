package dev.roster.apply;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the provider has said about asynchronous creates: the group a request id became, or why it failed. Filled
 * by the Cloud API's {@code group_lifecycle_update} webhook; the applier, waiting for a group it asked for, looks
 * here as well as in the bot's list. Thread-safe.
 */
public final class CreateRequests {

    /** The outcome of one request: a group, or the provider's reason for not creating it. */
    public record Outcome(BotId bot, GroupId group, String failure) {}

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    /** The provider reports that request {@code requestId} of {@code bot} created {@code group}. */
    public void completed(BotId bot, String requestId, GroupId group) {
        outcomes.put(requestId, new Outcome(bot, group, null));
    }

    /** The provider reports that request {@code requestId} of {@code bot} failed, saying {@code reason}. */
    public void failed(BotId bot, String requestId, String reason) {
        outcomes.put(requestId, new Outcome(bot, null, reason == null ? "no reason given" : reason));
    }

    /** What is known of {@code requestId}; empty while nothing is. */
    public Optional<Outcome> outcome(String requestId) {
        return Optional.ofNullable(outcomes.get(requestId));
    }

    /** Forgets a request once its outcome was used. */
    public void forget(String requestId) {
        outcomes.remove(requestId);
    }
}
