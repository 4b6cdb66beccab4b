package dev.roster.render;

import dev.roster.plan.Plan;
import java.io.PrintWriter;

/**
 * The plan as stable, versioned JSON for machines ({@code --format json}), exactly as DESIGN.md
 * ("Plan JSON") has it, plus {@code problems[]} ({bot, group, location, message}; a duplicated group adds
 * {@code duplicates[]}, its live group ids oldest first, and {@code keep}, the one to pin). Numbers are E.164 with
 * '+'. {@code summary} counts changes per action; {@code unmanaged_groups[]} entries are
 * {bot, group_id, subject (null if not read), action: "leave_group", "delete_group" or "none"}. When the provider
 * suspended declared groups, {@code suspended_groups[]} lists them ({bot, group, group_id}); they have no changes.
 * The fields of each change are those of {@code PlanJson.writeChange}.
 */
public final class JsonRenderer {

    public void render(Plan plan, PrintWriter out) {
        out.print(PlanJson.write(PlanJson.tree(plan)));
        out.flush();
    }
}
