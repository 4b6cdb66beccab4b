package dev.roster.render;

import dev.roster.model.BotId;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.Change;
import dev.roster.plan.CreateGroup;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.LeaveGroup;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanProblem;
import dev.roster.plan.RemoveAdmins;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SetSubject;
import dev.roster.plan.UnmanagedGroup;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan for a terminal, Terraform-like: per bot, each group that has changes or pending people with a
 * marker ({@code +} create, {@code ~} change, {@code -} leave, {@code =} nothing to change, people
 * pending), its file:line, one line per change and the pending people; then unmanaged groups, problems,
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

    private final boolean color;

    public TextRenderer(boolean color) {
        this.color = color;
    }

    public void render(Plan plan, PrintWriter out) {
        BotId current = null;
        for (GroupPlan g : plan.groups()) {
            if (!g.hasChanges() && g.pending().isEmpty()) {
                continue;
            }
            if (!g.bot().equals(current)) {
                current = g.bot();
                out.println(paint(BOLD, "bot " + current));
            }
            group(g, out);
        }
        List<UnmanagedGroup> kept = plan.unmanaged().stream().filter(u -> !u.leave()).toList();
        if (!kept.isEmpty()) {
            out.println(paint(BOLD, "Unmanaged groups") + " (live groups that no file declares; kept):");
            for (UnmanagedGroup u : kept) {
                out.println("  bot " + u.bot() + "  " + u.id() + "  " + subjectOf(u) + "  " + (u.read()
                        ? "(kept: reconcile.prune is off)"
                        : "(kept: every declared group of this bot is pinned by id, so only those were read)"));
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
            int pending = plan.summary().pending();
            out.println(paint(BOLD, "No changes.") + " The live groups match the files"
                    + (pending == 0 ? "." : "; " + pending + " pending, waiting to join by invite link."));
        }
        out.flush();
    }

    private void group(GroupPlan g, PrintWriter out) {
        String marker;
        String markerColor;
        if (g.isCreate()) {
            marker = "+";
            markerColor = GREEN;
        } else if (g.isLeave()) {
            marker = "-";
            markerColor = RED;
        } else if (g.hasChanges()) {
            marker = "~";
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
        if (g.isLeave() && g.live() != null) {
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
            return paint(GREEN, "+") + " create group \"" + clean(create.subject()) + "\"";
        } else if (c instanceof SetSubject s) {
            return paint(YELLOW, "~") + " subject: \"" + clean(s.from()) + "\" -> \"" + clean(s.to()) + "\"";
        } else if (c instanceof RemoveMembers r) {
            return paint(RED, "-") + " remove members: " + join(r.numbers());
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
