package dev.roster.render;

import dev.roster.model.BotId;
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
 * The plan for a terminal, Terraform-like: per bot, each group that has changes or pending people or is
 * suspended, with a marker ({@code +} create, {@code ~} change, {@code -} leave or delete, {@code !} suspended by
 * the provider, {@code =} nothing to change, people pending), its file:line, one line per change and the pending
 * people; then unmanaged groups, problems,
 * warnings and the summary line. Numbers are shown in full (a terminal is not public; see
 * {@link MarkdownRenderer} for public output). ANSI colour only when constructed with {@code color}; the
 * CLI decides (a TTY, and no {@code NO_COLOR}).
 */
public final class TextRenderer {
    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String CYAN = "\u001B[36m";

    /** What a permanent removal means, for every format. */
    static final String FOR_GOOD = "removed for good: they can never rejoin by link";
    /** What a suspended group gets, for every format. */
    static final String SUSPENDED = "suspended by the provider: no change can be made until it lifts the suspension";

    private final boolean color;

    public TextRenderer(boolean color) {
        this.color = color;
    }

    public void render(Plan plan, PrintWriter out) {
        BotId current = null;
        for (GroupPlan g : plan.groups()) {
            if (!g.hasChanges() && g.pending().isEmpty() && !g.isSuspended()) {
                continue;
            }
            if (!g.bot().equals(current)) {
                current = g.bot();
                out.println(paint(BOLD, "bot " + current));
            }
            group(g, out);
        }
        List<UnmanagedGroup> kept = plan.unmanaged().stream().filter(u -> !u.pruned()).toList();
        if (!kept.isEmpty()) {
            out.println(paint(BOLD, "Unmanaged groups") + " (live groups that no file declares; kept):");
            for (UnmanagedGroup u : kept) {
                out.println("  bot " + u.bot() + "  " + u.id() + "  " + subjectOf(u) + "  (kept: " + u.kept() + ")");
            }
            out.println();
        }
        if (!plan.problems().isEmpty()) {
            out.println(paint(RED + BOLD, "Problems") + " (these groups are not planned; fix them and plan again):");
            for (PlanProblem p : plan.problems()) {
                out.println("  " + paint(RED, "!") + " " + clean(p.toString()));
            }
            out.println();
        }
        if (!plan.warnings().isEmpty()) {
            out.println(paint(YELLOW + BOLD, "Warnings") + ":");
            plan.warnings().forEach(w -> out.println("  " + clean(w)));
            out.println();
        }
        if (plan.hasChanges()) {
            out.println(paint(BOLD, plan.summary().line()));
        } else if (plan.hasProblems()) {
            out.println(paint(BOLD, "No changes planned,") + " but " + plan.problemsLine() + " (see above).");
        } else {
            out.println(paint(BOLD, "No changes.") + " " + converged(plan.summary()));
        }
        out.flush();
    }

    private void group(GroupPlan g, PrintWriter out) {
        String marker;
        String markerColor;
        if (g.isCreate()) {
            marker = "+";
            markerColor = GREEN;
        } else if (g.isLeave() || g.isDelete()) {
            marker = "-";
            markerColor = RED;
        } else if (g.hasChanges()) {
            marker = "~";
            markerColor = YELLOW;
        } else if (g.isSuspended()) {
            marker = "!";
            markerColor = YELLOW;
        } else {
            marker = "=";
            markerColor = CYAN;
        }
        StringBuilder head = new StringBuilder("  ").append(paint(markerColor, marker)).append(' ');
        if (g.key() != null) {
            head.append(paint(BOLD, g.key()));
        } else {
            head.append("unmanaged group");
        }
        if (g.groupId() != null) {
            head.append("  ").append(g.groupId());
        }
        if ((g.isLeave() || g.isDelete()) && g.live() != null) {
            head.append("  \"").append(clean(g.live().subject())).append('"');
        }
        SourceLocation at = g.location();
        if (at != null) {
            head.append("  (").append(at.file()).append(':').append(at.line()).append(')');
        }
        out.println(head);
        if (g.isRefused()) {
            out.println("      " + paint(RED + BOLD, "!") + " " + paint(RED, clean(g.refused())));
        }
        if (g.isSuspended()) {
            out.println("      " + paint(YELLOW + BOLD, "!") + " " + paint(YELLOW, SUSPENDED));
        }
        for (Change c : g.changes()) {
            out.println("      " + describe(c));
        }
        if (!g.pending().isEmpty()) {
            out.println("      " + paint(CYAN, "pending") + ", to join by invite link: "
                    + pending(g.pending(), g.pendingAdmins()));
        }
        out.println();
    }

    private String describe(Change c) {
        if (c instanceof CreateGroup create) {
            return paint(GREEN, "+") + " create group \"" + clean(create.subject()) + "\""
                    + (create.description() == null ? "" : " with description \"" + cleanLines(create.description())
                            + "\"")
                    + (create.joinApproval() == null ? "" : ", join approval " + create.joinApproval().yamlName());
        } else if (c instanceof SetSubject s) {
            return paint(YELLOW, "~") + " subject: \"" + clean(s.from()) + "\" -> \"" + clean(s.to()) + "\"";
        } else if (c instanceof SetDescription d) {
            return paint(YELLOW, "~") + " description: \"" + cleanLines(d.from()) + "\" -> \"" + cleanLines(d.to())
                    + "\"";
        } else if (c instanceof RemoveMembers r) {
            return paint(RED, "-") + " remove members: " + join(r.numbers())
                    + (r.permanent() ? " (" + FOR_GOOD + ")" : "");
        } else if (c instanceof RejectJoinRequests r) {
            return paint(RED, "-") + " reject join requests: " + join(r.numbers()) + " (not declared)";
        } else if (c instanceof ApproveJoinRequests a) {
            return paint(GREEN, "+") + " approve join requests: " + join(a.numbers());
        } else if (c instanceof SendInvites i) {
            return paint(GREEN, "+") + " " + willInvite(i) + ", sending the invite link as a message: "
                    + join(i.numbers());
        } else if (c instanceof DeleteGroup) {
            return paint(RED, "-") + " delete group (unmanaged, prune and reconcile.pruneDeletes are on; "
                    + "everyone in it is removed)";
        } else if (c instanceof RotateInvite) {
            return paint(YELLOW, "~") + " rotate invite link (removed people cannot rejoin by the old one)";
        } else if (c instanceof RemoveAdmins r) {
            return paint(RED, "-") + " remove admins: " + join(r.numbers());
        } else if (c instanceof AddAdmins a) {
            return paint(GREEN, "+") + " add admins: " + join(a.numbers());
        } else if (c instanceof LeaveGroup) {
            return paint(RED, "-") + " leave group (unmanaged, prune is on)";
        }
        throw new IllegalArgumentException("unknown change " + c);
    }

    /** After "No changes.": that the live groups match the files, but for suspended groups, and who is pending. */
    static String converged(Summary s) {
        int suspended = s.suspended();
        return (suspended == 0 ? "The live groups match the files"
                : suspended + (suspended == 1 ? " group is" : " groups are") + " suspended by the provider (see "
                        + "above); the other live groups match the files")
                + (s.pending() == 0 ? "." : "; " + s.pending() + " pending, waiting to join by invite link.");
    }

    /** {@code will invite 2 people}. */
    static String willInvite(SendInvites invites) {
        int n = invites.numbers().size();
        return "will invite " + n + (n == 1 ? " person" : " people");
    }

    static String pending(Collection<Msisdn> pending, Set<Msisdn> admins) {
        return pending.stream().map(n -> n.e164() + (admins.contains(n) ? " (admin)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static String join(Collection<Msisdn> numbers) {
        return numbers.stream().map(Msisdn::e164).collect(Collectors.joining(", "));
    }

    private static String subjectOf(UnmanagedGroup u) {
        return u.subject() == null ? "(not read)" : "\"" + clean(u.subject()) + "\"";
    }

    /** Text that may span lines (a description) on one line: each line break shown as {@code ⏎}, then cleaned. */
    static String cleanLines(String text) {
        return clean(oneLine(text));
    }

    /** Line breaks ({@code \r\n}, {@code \n}, {@code \r}) as {@code ⏎}. */
    static String oneLine(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "⏎");
    }

    /** Live subjects are anyone's text: control characters (escape sequences) must not reach the terminal. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }

    private String paint(String ansi, String text) {
        return color ? ansi + text + RESET : text;
    }
}
