package dev.roster.apply;

import dev.roster.api.GroupApi;
import dev.roster.api.LiveStateReader;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * One reconcile pass up to the plan: read the live groups, then plan. A bot whose groups could not be
 * listed is left out of the plan entirely (planning it against an empty list would re-create every
 * group); its failure is in {@link Planned#readFailures()}.
 */
public final class Reconciler {
    private final GroupApi api;
    private final int maxConcurrency;
    private final PlannerOptions plannerOptions;

    public Reconciler(GroupApi api, int maxConcurrency, PlannerOptions plannerOptions) {
        this.api = api;
        this.maxConcurrency = maxConcurrency;
        this.plannerOptions = plannerOptions;
    }

    /** A plan and the reads that failed on the way; groups affected by a failed read are not in the plan. */
    public record Planned(Plan plan, List<LiveStateReader.Failure> readFailures) {
        public boolean isComplete() {
            return readFailures.isEmpty() && !plan.hasProblems();
        }
    }

    public Planned plan(DesiredState desired, IntConsumer progress) {
        LiveStateReader.Result live = new LiveStateReader(api, maxConcurrency, plannerOptions.prune())
                .read(desired, progress);
        Set<BotId> unlisted = live.failures().stream()
                .filter(f -> f.group() == null)
                .map(LiveStateReader.Failure::bot)
                .collect(Collectors.toSet());
        DesiredState plannable = unlisted.isEmpty() ? desired
                : new DesiredState(desired.groups().stream().filter(g -> !unlisted.contains(g.bot())).toList());
        return new Planned(Planner.plan(plannable, live.state(), plannerOptions), live.failures());
    }
}
