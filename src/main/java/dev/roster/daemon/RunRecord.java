package dev.roster.daemon;

import dev.roster.model.BotId;
import dev.roster.model.Msisdn;
import dev.roster.plan.Action;
import dev.roster.plan.UnmanagedGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * One run of one bot, as shown in {@code /status} and counted in the metrics.
 *
 * @param scheduledFor   the trigger's scheduled fire time, or null for a run not started by a trigger
 * @param commit         the git commit of the desired state, or null for local files
 * @param applied        changes that took effect, per action
 * @param drift          changes the plan held (in report mode: what apply would do)
 * @param pending        declared people not yet in their group
 * @param pendingNumbers per group key, the pending people; shown only with {@code daemon.http.showNumbers}
 * @param errors         one line each; may name people's numbers, which {@code /status} masks
 * @param groups         the declared groups the run planned (or could not plan), in declaration order
 * @param unmanaged      the bot's live groups that no declared group matches, as the run read them
 * @param partial        the run planned only some of the bot's groups (or none: it read no group), so
 *                       {@link StatusBoard} merges {@code groups} into the groups it knows by key instead of
 *                       replacing them
 */
public record RunRecord(
        BotId bot,
        String node,
        Instant scheduledFor,
        Instant started,
        Duration duration,
        String commit,
        RunResult result,
        Map<Action, Integer> applied,
        int drift,
        int pending,
        Map<String, SortedSet<Msisdn>> pendingNumbers,
        List<String> errors,
        List<GroupStatus> groups,
        List<UnmanagedGroup> unmanaged,
        boolean partial) {

    public RunRecord {
        EnumMap<Action, Integer> copy = new EnumMap<>(Action.class);
        copy.putAll(applied);
        applied = Map.copyOf(copy);
        pendingNumbers = Map.copyOf(pendingNumbers);
        errors = List.copyOf(errors);
        groups = List.copyOf(groups);
        unmanaged = List.copyOf(unmanaged);
    }

    /** A run that read no group (skipped, invalid files, failed before planning): partial, with no groups. */
    public RunRecord(BotId bot, String node, Instant scheduledFor, Instant started, Duration duration, String commit,
            RunResult result, Map<Action, Integer> applied, int drift, int pending,
            Map<String, SortedSet<Msisdn>> pendingNumbers, List<String> errors) {
        this(bot, node, scheduledFor, started, duration, commit, result, applied, drift, pending, pendingNumbers,
                errors, List.of(), List.of(), true);
    }

    /** This run with {@code groups} and {@code unmanaged}; a run of every group of the bot unless {@code partial}. */
    public RunRecord withGroups(List<GroupStatus> groups, List<UnmanagedGroup> unmanaged, boolean partial) {
        return new RunRecord(bot, node, scheduledFor, started, duration, commit, result, applied, drift, pending,
                pendingNumbers, errors, groups, unmanaged, partial);
    }

    /** This run marked as planning only some of the bot's groups (or all of them, with false). */
    public RunRecord withPartial(boolean value) {
        return withGroups(groups, unmanaged, value);
    }

    public int changesApplied() {
        return applied.values().stream().mapToInt(Integer::intValue).sum();
    }
}
