package dev.roster.render;

import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.ApproveJoinRequests;
import dev.roster.plan.Change;
import dev.roster.plan.CreateGroup;
import dev.roster.plan.DeleteGroup;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.LeaveGroup;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanProblem;
import dev.roster.plan.RejectJoinRequests;
import dev.roster.plan.RemoveAdmins;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SendInvites;
import dev.roster.plan.SetDescription;
import dev.roster.plan.SetSubject;
import dev.roster.plan.Summary;
import dev.roster.plan.UnmanagedGroup;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan as a pull-request comment (GitHub-flavoured Markdown): the summary line, a table of the groups
 * with changes (the first {@value #TABLE_ROWS} rows open, the rest folded), the groups with only people
 * pending in a folded table, a collapsible {@code <details>} section per changed group, then unmanaged groups,
 * problems and warnings. Groups the provider suspended are listed after the problems.
 *
 * <p>Public by nature, so every phone number that is not in {@link Plan#declaredNumbers()} is masked
 * (see {@link NumberMask}), in number lists (join requests from undeclared people included) as well as inside
 * subjects, descriptions, messages and group ids; text from
 * files or live groups is escaped so that it cannot inject Markdown or HTML.
 *
 * <p>The output never exceeds {@code maxChars} (GitHub rejects comments over 65,536 characters): when the
 * whole plan does not fit, rows of pending-only groups give way first, so that the changed groups' sections
 * fit; what is left out is counted in a closing note.
 */
public final class MarkdownRenderer {
    public static final int DEFAULT_MAX_CHARS = 60_000;
    /** Rows of changed groups shown before the rest of the table is folded into a {@code <details>} block. */
    static final int TABLE_ROWS = 30;
    /** Kept free with the sections' room for the headings and closing tags written around them. */
    private static final int SLACK = 2_000;
    /** Room kept free for the truncation note. */
    private static final int NOTE_RESERVE = 300;
    private static final int MIN_MAX_CHARS = 1_000;

    private final int maxChars;

    public MarkdownRenderer() {
        this(DEFAULT_MAX_CHARS);
    }

    public MarkdownRenderer(int maxChars) {
        if (maxChars < MIN_MAX_CHARS) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_MAX_CHARS + ": " + maxChars);
        }
        this.maxChars = maxChars;
    }

    public void render(Plan plan, PrintWriter out) {
        Set<String> bots = new java.util.HashSet<>();
        plan.groups().forEach(g -> bots.add(g.bot().value()));
        plan.unmanaged().forEach(u -> bots.add(u.bot().value()));
        plan.problems().forEach(p -> bots.add(p.bot().value()));
        NumberMask mask = new NumberMask(plan.declaredNumbers(), bots);
        Budget doc = new Budget(maxChars - NOTE_RESERVE);
        Summary summary = plan.summary();

        doc.force("### roster plan\n\n");
        if (plan.hasChanges()) {
            doc.force("**" + summary.line() + "**\n\n");
        } else if (plan.hasProblems()) {
            doc.force("**No changes planned**, but " + escape(plan.problemsLine()) + ".\n\n");
        } else {
            doc.force("**No changes.** " + TextRenderer.converged(summary) + "\n\n");
        }
        if (!plan.problems().isEmpty()) {
            doc.force("**Problems** (these groups are not planned; fix them and plan again):\n\n");
            for (PlanProblem p : plan.problems()) {
                doc.item("problems", "- " + (p.location() == null ? "" : "`" + p.location() + "`: ")
                        + escape(mask.text(p.message())) + "\n");
            }
            doc.force("\n");
        }
        List<GroupPlan> suspended = plan.groups().stream().filter(GroupPlan::isSuspended).toList();
        if (!suspended.isEmpty()) {
            doc.force("**Suspended groups** (" + TextRenderer.SUSPENDED + "):\n\n");
            for (GroupPlan g : suspended) {
                doc.item("suspended groups", "- ⏸️ " + name(g, mask) + " (bot " + g.bot() + ") `"
                        + mask.groupId(g.groupId()) + "`\n");
            }
            doc.force("\n");
        }
        List<GroupPlan> changed = plan.groups().stream().filter(GroupPlan::hasChanges).toList();
        List<GroupPlan> pendingOnly = plan.groups().stream()
                .filter(g -> !g.hasChanges() && !g.pending().isEmpty()).toList();
        List<String> sections = changed.stream().map(g -> details(g, mask)).toList();
        // what a reviewer needs most: the changed groups' rows and sections; pending-only rows give way to them
        int sectionsSize = sections.stream().mapToInt(String::length).sum() + SLACK;
        if (!changed.isEmpty()) {
            table(doc, changed.subList(0, Math.min(TABLE_ROWS, changed.size())), mask, 0);
            if (changed.size() > TABLE_ROWS) {
                doc.force("<details><summary>" + (changed.size() - TABLE_ROWS) + " more groups with changes"
                        + "</summary>\n\n");
                table(doc, changed.subList(TABLE_ROWS, changed.size()), mask, sectionsSize);
                doc.force("</details>\n\n");
            }
        }
        if (!pendingOnly.isEmpty()) {
            boolean fold = !changed.isEmpty() || pendingOnly.size() > TABLE_ROWS;
            if (fold) {
                doc.force("<details><summary>" + pendingOnly.size() + " group" + (pendingOnly.size() == 1 ? "" : "s")
                        + " with only people pending (no changes)</summary>\n\n");
            }
            table(doc, pendingOnly, mask, sectionsSize);
            if (fold) {
                doc.force("</details>\n\n");
            }
        }
        for (String section : sections) {
            doc.item("group sections", section);
        }
        List<UnmanagedGroup> kept = plan.unmanaged().stream().filter(u -> !u.pruned()).toList();
        if (!kept.isEmpty()) {
            doc.force("**Unmanaged groups** (in no file; not left):\n\n");
            for (UnmanagedGroup u : kept) {
                doc.item("unmanaged groups", "- bot " + u.bot() + " `" + mask.groupId(u.id()) + "` "
                        + (u.subject() == null ? "(not read)" : escape(mask.text(u.subject()))) + "\n");
            }
            doc.force("\n");
        }
        if (!plan.warnings().isEmpty()) {
            doc.force("**Warnings**\n\n");
            plan.warnings().forEach(w -> doc.item("warnings", "- " + escape(mask.text(w)) + "\n"));
            doc.force("\n");
        }
        out.print(doc.finish(maxChars));
        out.flush();
    }

    private static void table(Budget doc, List<GroupPlan> rows, NumberMask mask, int reserve) {
        doc.force("| | bot | group | changes | pending |\n|---|---|---|---|---|\n");
        for (GroupPlan g : rows) {
            doc.item("table rows", "| " + marker(g) + " | " + g.bot() + " | " + name(g, mask) + " | "
                    + actions(g) + " | " + (g.pending().isEmpty() ? "" : g.pending().size()) + " |\n", reserve);
        }
        doc.force("\n");
    }

    private static String details(GroupPlan g, NumberMask mask) {
        StringBuilder s = new StringBuilder();
        s.append("<details><summary>").append(marker(g)).append(' ');
        s.append(g.key() != null ? "<code>" + g.key() + "</code>" : "unmanaged group");
        s.append(" (bot ").append(g.bot()).append(')');
        SourceLocation at = g.location();
        if (at != null) {
            s.append(" · <code>").append(html(at.file())).append(':').append(at.line()).append("</code>");
        }
        s.append("</summary>\n\n");
        if (g.isRefused()) {
            s.append("- ⛔ **").append(escape(g.refused())).append("**\n");
        }
        if (g.groupId() != null) {
            s.append("- group `").append(mask.groupId(g.groupId())).append("`");
            if ((g.isLeave() || g.isDelete()) && g.live() != null) {
                s.append(" ").append(quote(mask.text(g.live().subject())));
            }
            s.append('\n');
        }
        for (Change c : g.changes()) {
            s.append("- ").append(describe(c, mask)).append('\n');
        }
        if (!g.pending().isEmpty()) {
            s.append("- pending, to join by invite link: ").append(numbers(g.pending(), g.pendingAdmins(), mask))
                    .append('\n');
        }
        s.append("\n</details>\n\n");
        return s.toString();
    }

    private static String describe(Change c, NumberMask mask) {
        if (c instanceof CreateGroup create) {
            return "create group " + quote(mask.text(create.subject()))
                    + (create.description() == null ? "" : " with description " + lines(create.description(), mask))
                    + (create.joinApproval() == null ? "" : ", join approval " + create.joinApproval().yamlName());
        } else if (c instanceof SetSubject s) {
            return "set subject " + quote(mask.text(s.from())) + " → " + quote(mask.text(s.to()));
        } else if (c instanceof SetDescription d) {
            return "set description " + lines(d.from(), mask) + " → " + lines(d.to(), mask);
        } else if (c instanceof RemoveMembers r) {
            return "remove members: " + numbers(r.numbers(), Set.of(), mask)
                    + (r.permanent() ? " (" + TextRenderer.FOR_GOOD + ")" : "");
        } else if (c instanceof RejectJoinRequests r) {
            return "reject join requests: " + numbers(r.numbers(), Set.of(), mask) + " (not declared)";
        } else if (c instanceof ApproveJoinRequests a) {
            return "approve join requests: " + numbers(a.numbers(), Set.of(), mask);
        } else if (c instanceof SendInvites i) {
            return TextRenderer.willInvite(i) + ", sending the invite link as a message: "
                    + numbers(i.numbers(), Set.of(), mask);
        } else if (c instanceof DeleteGroup) {
            return "delete the group (unmanaged, prune and reconcile.pruneDeletes are on; everyone in it is removed)";
        } else if (c instanceof RotateInvite) {
            return "rotate the invite link (removed people cannot rejoin by the old one)";
        } else if (c instanceof RemoveAdmins r) {
            return "remove admins: " + numbers(r.numbers(), Set.of(), mask);
        } else if (c instanceof AddAdmins a) {
            return "add admins: " + numbers(a.numbers(), Set.of(), mask);
        } else if (c instanceof LeaveGroup) {
            return "leave the group (unmanaged, prune is on)";
        }
        throw new IllegalArgumentException("unknown change " + c);
    }

    private static String marker(GroupPlan g) {
        if (g.isRefused()) {
            return "⛔";
        } else if (g.isCreate()) {
            return "➕";
        } else if (g.isLeave()) {
            return "➖";
        } else if (g.isDelete()) {
            return "🗑️";
        } else if (g.hasChanges()) {
            return "✏️";
        }
        return g.isSuspended() ? "⏸️" : "⏳";
    }

    private static String name(GroupPlan g, NumberMask mask) {
        return g.key() != null ? "`" + g.key() + "`" : "`" + mask.groupId(g.groupId()) + "`";
    }

    private static String actions(GroupPlan g) {
        return g.changes().stream().map(c -> c.action().jsonName() + count(c)).collect(Collectors.joining(", "));
    }

    private static String count(Change c) {
        return c.numbers().isEmpty() ? "" : " (" + c.numbers().size() + ")";
    }

    private static String numbers(Collection<Msisdn> numbers, Set<Msisdn> admins, NumberMask mask) {
        return numbers.stream().map(n -> "`" + mask.number(n) + "`" + (admins.contains(n) ? " (admin)" : ""))
                .collect(Collectors.joining(", "));
    }

    /** Text that may span lines (a description), quoted on one line with each line break shown as {@code ⏎}. */
    private static String lines(String text, NumberMask mask) {
        return quote(mask.text(TextRenderer.oneLine(text)));
    }

    private static String quote(String text) {
        return "“" + escape(text) + "”";
    }

    /** For the {@code <summary>} line: an HTML block, where Markdown escapes would show literally. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Escapes text from files or live groups so it renders literally, also inside table cells. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!', '(', ')' -> out.append('\\').appendCodePoint(cp);
                default -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp);
            }
        });
        return out.toString();
    }

    /** Appends while there is room; counts what had to be left out, per kind, for the closing note. */
    private static final class Budget {
        private final int limit;
        private final StringBuilder text = new StringBuilder();
        private final java.util.Map<String, Integer> omitted = new java.util.LinkedHashMap<>();

        Budget(int limit) {
            this.limit = limit;
        }

        void force(String s) {
            text.append(s);
        }

        void item(String kind, String s) {
            item(kind, s, 0);
        }

        /** Appends {@code s} only if {@code reserve} characters stay free after it (for what must follow). */
        void item(String kind, String s, int reserve) {
            if (omitted.containsKey(kind) || text.length() + s.length() + reserve > limit) {
                omitted.merge(kind, 1, Integer::sum);
            } else {
                text.append(s);
            }
        }

        String finish(int maxChars) {
            if (!omitted.isEmpty()) {
                text.append("> **Truncated** to stay under ").append(maxChars).append(" characters: left out ")
                        .append(omitted.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                                .collect(Collectors.joining(", ")))
                        .append(". Run `roster plan` for the full plan.\n");
            }
            if (text.length() > maxChars) {
                String cut = "\n\n> **Truncated** at " + maxChars + " characters.\n";
                return text.substring(0, maxChars - cut.length()) + cut;
            }
            return text.toString();
        }
    }
}
