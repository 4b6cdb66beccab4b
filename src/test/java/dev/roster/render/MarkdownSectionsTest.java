package dev.roster.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanProblem;
import dev.roster.plan.UnmanagedGroup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Problems, Unmanaged groups and Warnings sections of the pull-request comment: each is there, with every
 * entry, exactly when the plan has something for it; a reviewer who does not see them would merge blind.
 */
class MarkdownSectionsTest {
    private static final BotId BOT = BotId.of("447506616260");

    private static String render(Plan plan) {
        StringWriter out = new StringWriter();
        new MarkdownRenderer().render(plan, new PrintWriter(out));
        return out.toString();
    }

    private static Plan plan(List<UnmanagedGroup> unmanaged, List<PlanProblem> problems, List<String> warnings) {
        return new Plan(List.of(), unmanaged, problems, warnings, new TreeSet<Msisdn>());
    }

    @Test
    void everyProblemIsListedWithItsLocationUnderProblems() {
        String md = render(plan(List.of(), List.of(
                new PlanProblem(BOT, "sales", new SourceLocation("groups/sales.yaml", 4, 5), "two live groups *match*"),
                new PlanProblem(BOT, "board", null, "call +46732009999 about it")), List.of()));

        assertThat(md).isEqualTo("""
                ### roster plan

                **No changes planned**, but 2 declared groups have problems.

                **Problems** (these groups are not planned; fix them and plan again):

                - `groups/sales.yaml:4:5`: two live groups \\*match\\*
                - call +46 7•• ••• 999 about it

                """);
    }

    @Test
    void oneProblemIsSaidInTheSingular() {
        String md = render(plan(List.of(), List.of(new PlanProblem(BOT, "sales", null, "broken")), List.of()));

        assertThat(md).contains("**No changes planned**, but 1 declared group has a problem.\n\n")
                .contains("**Problems**").contains("- broken\n");
    }

    @Test
    void unmanagedGroupsThatAreKeptAreListedAndThoseToLeaveAreNot() {
        String md = render(plan(List.of(
                new UnmanagedGroup(BOT, GroupId.of("group:447506616260-1"), "Football [fun]", true, false),
                new UnmanagedGroup(BOT, GroupId.of("group:46732008888-2"), null, false, false),
                new UnmanagedGroup(BOT, GroupId.of("group:447506616260-3"), "Old Team", true, true)),
                List.of(), List.of()));

        assertThat(md).isEqualTo("""
                ### roster plan

                **No changes.** The live groups match the files.

                **Unmanaged groups** (in no file; not left):

                - bot 447506616260 `group:447506616260-1` Football \\[fun\\]
                - bot 447506616260 `group:467•••••888-2` (not read)

                """);
    }

    @Test
    void everyWarningIsListedUnderWarnings() {
        String md = render(plan(List.of(), List.of(), List.of("first <b>warning</b>", "second for +46732009999")));

        assertThat(md).isEqualTo("""
                ### roster plan

                **No changes.** The live groups match the files.

                **Warnings**

                - first &lt;b&gt;warning&lt;/b&gt;
                - second for +46 7•• ••• 999

                """);
    }

    @Test
    void aPlanWithNothingToSayHasNoneOfTheSections() {
        String md = render(plan(List.of(
                new UnmanagedGroup(BOT, GroupId.of("group:447506616260-3"), "Old Team", true, true)),
                List.of(), List.of()));

        assertThat(md).isEqualTo("### roster plan\n\n**No changes.** The live groups match the files.\n\n");
    }
}
