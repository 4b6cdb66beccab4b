package dev.roster.daemon;

import dev.roster.model.BotId;
import dev.roster.model.Msisdn;
import dev.roster.plan.Action;
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
        List<String> errors) {

    public RunRecord {
        EnumMap<Action, Integer> copy = new EnumMap<>(Action.class);
        copy.putAll(applied);
        applied = Map.copyOf(copy);
        pendingNumbers = Map.copyOf(pendingNumbers);
        errors = List.copyOf(errors);
    }

    public int changesApplied() {
        return applied.values().stream().mapToInt(Integer::intValue).sum();
    }
}
