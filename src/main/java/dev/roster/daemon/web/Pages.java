package dev.roster.daemon.web;

import static dev.roster.daemon.web.Html.esc;
import static dev.roster.daemon.web.Html.segment;
import static dev.roster.daemon.web.Layout.badge;
import static dev.roster.daemon.web.Layout.time;

import dev.roster.daemon.GroupStatus;
import dev.roster.daemon.HealthStatus;
import dev.roster.daemon.RunHistory;
import dev.roster.daemon.RunRecord;
import dev.roster.daemon.RunResult;
import dev.roster.daemon.StatusBoard;
import dev.roster.daemon.SyncStatus;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupSpec;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import dev.roster.plan.Change;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pages' {@code <main>} content: the bots, one bot's groups, one group, the runs. Every value goes through
 * {@link Html#esc}; people's numbers through {@link StatusBoard#mask} unless {@code daemon.http.showNumbers}.
 */
final class Pages {
    /** A page's title and the HTML of its {@code <main>}; status 404 when what it shows does not exist. */
    record Page(int status, String title, String body) {}

    /** Runs shown on a bot's page. */
    private static final int RECENT_RUNS = 10;

    private final Console console;
    private final boolean showNumbers;
    private final URI webUrl;

    /** @param webUrl {@code daemon.git.webUrl}: where a declaration's file is shown; null for none */
    Pages(Console console, boolean showNumbers, URI webUrl) {
        this.console = console;
        this.showNumbers = showNumbers;
        this.webUrl = webUrl;
    }

    /** Every bot the files declare or this node has run. */
    Set<BotId> bots() {
        Set<BotId> bots = new TreeSet<>(console.status().bots());
        DesiredState desired = console.desired();
        if (desired != null) {
            bots.addAll(desired.bots());
        }
        return bots;
    }

    Page overview() {
        StatusBoard status = console.status();
        StringBuilder h = new StringBuilder("<h1>Bots</h1>\n");
        status.desiredStateProblem().ifPresent(p -> h.append("<p class=\"problem\" id=\"desired-problem\">")
                .append(esc(mask(p))).append("</p>\n"));
        h.append(table("bots", "Bots", "Every bot, its state and its last run", List.of("Bot", "Sync", "Health",
                "Last run", "Next run", "Commit", "Groups", "Changes waiting", "Pending people", "Unmanaged groups",
                "Last problem")));
        for (BotId bot : bots()) {
            List<GroupStatus> groups = status.groups(bot);
            RunRecord last = status.lastRun(bot);
            h.append("<tr data-bot=\"").append(esc(bot)).append("\">")
                    .append("<th scope=\"row\"><a class=\"bot-link\" href=\"/ui/bots/")
                    .append(esc(segment(bot.value()))).append("\">").append(esc(bot)).append("</a></th>")
                    .append("<td>").append(badge(status.sync(bot).label())).append("</td>")
                    .append("<td>").append(badge(status.health(bot).label())).append("</td>")
                    .append("<td>").append(last == null ? "never" : time(last.started()) + " "
                            + esc(last.result().label())).append("</td>")
                    .append("<td>").append(time(console.nextRun(bot))).append("</td>")
                    .append("<td>").append(Layout.commit(last != null ? last.commit() : console.commit()))
                    .append("</td>")
                    .append("<td>").append(declared(bot).size()).append("</td>")
                    .append("<td>").append(groups.stream().mapToInt(g -> g.waiting().size()).sum()).append("</td>")
                    .append("<td>").append(groups.stream().mapToInt(g -> g.pending().size()).sum()).append("</td>")
                    .append("<td>").append(status.unmanagedCount(bot)).append("</td>")
                    .append("<td class=\"reason\">").append(esc(problem(bot, last, groups))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n");
        return new Page(200, "Bots", h.toString());
    }

    /** The last failure or refusal of the bot in words, or "none". */
    private String problem(BotId bot, RunRecord last, List<GroupStatus> groups) {
        Optional<String> files = console.status().desiredStateProblem()
                .filter(p -> !p.startsWith("desired state not loaded"));
        if (files.isPresent()) {
            return "the files are invalid, nothing is applied: " + mask(files.get());
        }
        if (last != null && (last.result() == RunResult.FAILED || last.result() == RunResult.INVALID)
                && !last.errors().isEmpty()) {
            return "the last run failed: " + mask(last.errors().get(0))
                    + (last.errors().size() > 1 ? " (and " + (last.errors().size() - 1) + " more)" : "");
        }
        return groups.stream().filter(GroupStatus::failed).findFirst()
                .map(g -> "group " + g.key() + ": " + mask(g.failure())).orElse("none");
    }

    /**
     * @param query  {@code ?q=}: only groups whose key or subject holds it (any case); null or blank for all
     * @param signedIn the signed-in session (the buttons show), or null
     */
    Page bot(BotId bot, String query, Sessions.Session signedIn) {
        if (!bots().contains(bot)) {
            return notFound("No bot " + bot.value() + " is declared or known.");
        }
        StatusBoard status = console.status();
        String q = query == null ? "" : query.strip();
        StringBuilder h = new StringBuilder("<h1>Bot ").append(esc(bot)).append("</h1>\n");
        RunRecord last = status.lastRun(bot);
        h.append("<dl class=\"facts\">")
                .append(fact("Sync", badge(status.sync(bot).label())))
                .append(fact("Health", badge(status.health(bot).label())))
                .append(fact("Last run", last == null ? "never" : time(last.started()) + " "
                        + esc(last.result().label())))
                .append(fact("Next run", time(console.nextRun(bot))))
                .append(fact("Unmanaged groups", String.valueOf(status.unmanagedCount(bot))))
                .append(fact("Last problem", esc(problem(bot, last, status.groups(bot)))))
                .append("</dl>\n");
        if (signedIn != null) {
            String base = "/ui/bots/" + esc(segment(bot.value()));
            h.append("<section aria-labelledby=\"actions-heading\" class=\"actions\">\n")
                    .append("<h2 id=\"actions-heading\">Actions</h2>\n")
                    .append(button(base + "/sync", "sync-now", "Sync now", signedIn))
                    .append(button(base + "/pause", "pause", "Pause", signedIn))
                    .append(button(base + "/resume", "resume", "Resume", signedIn))
                    .append("</section>\n");
        }
        h.append("<h2>Groups</h2>\n<form method=\"get\" action=\"/ui/bots/").append(esc(segment(bot.value())))
                .append("\" class=\"filter\" role=\"search\">")
                .append("<label for=\"filter\">Filter by key or subject</label> ")
                .append("<input id=\"filter\" name=\"q\" type=\"search\" value=\"").append(esc(q)).append("\"> ")
                .append("<button type=\"submit\">Filter</button></form>\n");
        h.append(table("groups", "Groups", "The groups bot " + bot.value() + " declares", List.of("Key", "Subject",
                "Sync", "Health", "Members", "Admins", "Pending", "Declared at")));
        for (Row row : rows(bot)) {
            if (!q.isEmpty() && !row.matches(q)) {
                continue;
            }
            GroupStatus g = row.status();
            h.append("<tr data-key=\"").append(esc(row.key())).append("\">")
                    .append("<th scope=\"row\"><a class=\"group-link\" href=\"").append(groupHref(bot, row.key()))
                    .append("\">").append(esc(row.key())).append("</a></th>")
                    .append("<td class=\"subject\">").append(esc(mask(row.subject()))).append("</td>")
                    .append("<td>").append(badge(status.groupSync(bot, row.key()).map(SyncStatus::label)
                            .orElse(SyncStatus.UNKNOWN.label()))).append("</td>")
                    .append("<td>").append(status.groupHealth(bot, row.key()).map(HealthStatus::label)
                            .map(Layout::badge).orElse("not read yet")).append("</td>")
                    .append("<td>").append(g == null ? "—" : String.valueOf(g.members())).append("</td>")
                    .append("<td>").append(g == null ? "—" : String.valueOf(g.admins())).append("</td>")
                    .append("<td>").append(g == null ? "—" : String.valueOf(g.pending().size())).append("</td>")
                    .append("<td>").append(declaredAt(row.location())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n");
        List<RunHistory.Run> runs = status.history().runs(bot);
        h.append("<h2>Recent runs</h2>\n").append(runTable("bot-runs", "Recent runs",
                runs.subList(0, Math.min(runs.size(), RECENT_RUNS))))
                .append("<p><a href=\"/ui/runs\">Every run kept</a></p>\n");
        return new Page(200, "Bot " + bot.value(), h.toString());
    }

    /** The invite link and its QR code show only when {@code signedIn} is not null. */
    Page group(BotId bot, String key, Sessions.Session signedIn) {
        Row row = rows(bot).stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        if (row == null) {
            return notFound("Bot " + bot.value() + " declares no group " + key + ".");
        }
        StatusBoard status = console.status();
        GroupStatus g = row.status();
        Optional<RunHistory.Live> live = status.history().live(bot, key);
        StringBuilder h = new StringBuilder("<h1>Group ").append(esc(key)).append("</h1>\n");
        h.append("<p><a href=\"/ui/bots/").append(esc(segment(bot.value()))).append("\">Back to bot ")
                .append(esc(bot)).append("</a></p>\n<dl class=\"facts\">")
                .append(fact("Subject", "<span class=\"subject\">" + esc(mask(row.subject())) + "</span>"))
                .append(fact("Sync", badge(status.groupSync(bot, key).map(SyncStatus::label)
                        .orElse(SyncStatus.UNKNOWN.label()))))
                .append(fact("Health", status.groupHealth(bot, key).map(HealthStatus::label).map(Layout::badge)
                        .orElse("not read yet")))
                .append(fact("Declared at", declaredAt(row.location())));
        if (g != null && g.failed()) {
            h.append(fact("Last problem", esc(mask(g.failure()))));
        }
        h.append("</dl>\n");
        h.append("<section aria-labelledby=\"invite-heading\">\n<h2 id=\"invite-heading\">Invite link</h2>\n");
        URI link = live.map(RunHistory.Live::inviteLink).orElse(null);
        if (signedIn == null) {
            h.append("<p id=\"invite-signin\"><a href=\"/ui/signin\">Sign in</a> to see the invite link.</p>\n");
        } else if (link == null) {
            h.append("<p id=\"invite-none\">No invite link handed out yet: the last run that read this group had"
                    + " nobody pending, or did not apply.</p>\n");
        } else {
            h.append("<p><a id=\"invite-link\" href=\"").append(esc(link)).append("\" rel=\"noreferrer\">")
                    .append(esc(link)).append("</a> <button id=\"copy-link\" type=\"button\">Copy link</button>")
                    .append(" <span id=\"copy-status\" role=\"status\"></span></p>\n")
                    .append("<p><img id=\"invite-qr\" alt=\"QR code of the invite link\" width=\"240\" height=\"240\"")
                    .append(" src=\"").append(esc(QrCode.dataUri(link.toString()))).append("\"></p>\n");
        }
        h.append("</section>\n");
        h.append("<h2 id=\"pending-heading\">Pending people</h2>\n<p>Declared, not in the group yet: they join by the"
                + " invite link.</p>\n<ul id=\"pending\" aria-labelledby=\"pending-heading\">\n");
        if (g != null) {
            g.pending().forEach(n -> h.append("<li>").append(esc(number(n))).append("</li>\n"));
        }
        h.append("</ul>\n");
        h.append("<div class=\"columns\">\n<section aria-labelledby=\"declared-heading\">\n")
                .append("<h2 id=\"declared-heading\">Declared participants</h2>\n<ul id=\"declared\">\n");
        if (row.spec() != null) {
            for (Msisdn n : row.spec().participants()) {
                h.append("<li>").append(esc(number(n))).append(row.spec().admins().contains(n) ? " (admin)" : "")
                        .append(live.isPresent() && !live.get().participants().contains(n) ? " · not joined" : "")
                        .append("</li>\n");
            }
        }
        h.append("</ul>\n</section>\n<section aria-labelledby=\"live-heading\">\n")
                .append("<h2 id=\"live-heading\">Live participants</h2>\n");
        live.ifPresentOrElse(l -> h.append("<p>As the run of ").append(time(l.at())).append(" read them.</p>\n"),
                () -> h.append("<p>No run on this node has read the group yet.</p>\n"));
        h.append("<ul id=\"live\">\n");
        live.ifPresent(l -> l.participants().forEach(n -> h.append("<li>").append(esc(number(n)))
                .append(l.admins().contains(n) ? " (admin)" : "")
                .append(row.spec() != null && !row.spec().participants().contains(n) ? " · not declared" : "")
                .append("</li>\n")));
        h.append("</ul>\n</section>\n</div>\n");
        h.append("<h2 id=\"waiting-heading\">Changes waiting</h2>\n<ul id=\"waiting-changes\" "
                + "aria-labelledby=\"waiting-heading\">\n");
        if (g != null) {
            for (Change c : g.waiting()) {
                h.append("<li>").append(esc(mask(StatusBoard.describe(c)))).append("</li>\n");
            }
        }
        h.append("</ul>\n");
        h.append(history(bot, key, g));
        return new Page(200, "Group " + key, h.toString());
    }

    private String history(BotId bot, String key, GroupStatus g) {
        record Line(Instant at, String kind, String what) {}
        RunHistory history = console.status().history();
        List<Line> lines = new ArrayList<>();
        for (RunHistory.Run run : history.runs(bot)) {
            if (run.covers(key)) {
                RunRecord r = run.record();
                lines.add(new Line(r.started(), "run", r.result().label() + ", " + r.changesApplied()
                        + " change(s) applied" + (r.errors().isEmpty() ? "" : ", " + r.errors().size()
                        + " error(s): " + mask(r.errors().get(0)))));
            }
        }
        for (RunHistory.Event e : history.events(bot)) {
            if (e.group() != null && g != null && e.group().equals(g.groupId())) {
                lines.add(new Line(e.at(), "event", mask(e.description())));
            }
        }
        lines.sort(Comparator.comparing(Line::at).reversed());
        StringBuilder h = new StringBuilder("<h2>History</h2>\n").append(table("history", "History",
                "The runs and events on this node that touched the group, newest first",
                List.of("When", "What", "Outcome")));
        for (Line l : lines.subList(0, Math.min(lines.size(), RunHistory.RUNS_PER_BOT))) {
            h.append("<tr><td>").append(time(l.at())).append("</td><td>").append(esc(l.kind())).append("</td><td>")
                    .append(esc(l.what())).append("</td></tr>\n");
        }
        return h.append("</tbody>\n</table>\n</div>\n").toString();
    }

    Page runs() {
        List<RunHistory.Run> all = new ArrayList<>();
        bots().forEach(bot -> all.addAll(console.status().history().runs(bot)));
        all.sort(Comparator.comparing((RunHistory.Run r) -> r.record().started()).reversed());
        String h = "<h1>Runs</h1>\n<p>The last " + RunHistory.RUNS_PER_BOT
                + " runs of each bot on this node, newest first.</p>\n" + runTable("runs", "Runs", all);
        return new Page(200, "Runs", h);
    }

    /** A table of runs, one {@code <tr data-bot data-result>} each. */
    private String runTable(String id, String caption, List<RunHistory.Run> runs) {
        StringBuilder h = new StringBuilder(table(id, caption, caption, List.of("Bot", "Started", "Duration", "Scope",
                "Result", "Changes applied", "Errors")));
        for (RunHistory.Run run : runs) {
            RunRecord r = run.record();
            h.append("<tr data-bot=\"").append(esc(r.bot())).append("\" data-result=\"").append(esc(r.result().label()))
                    .append("\"><td><a href=\"/ui/bots/").append(esc(segment(r.bot().value()))).append("\">")
                    .append(esc(r.bot())).append("</a></td><td>").append(time(r.started())).append("</td><td>")
                    .append(esc(Layout.duration(r.duration()))).append("</td><td>")
                    .append(esc(run.scope().isEmpty() ? "all" : String.join(", ", run.scope()))).append("</td><td>")
                    .append(badge(r.result().label())).append("</td><td>").append(r.changesApplied())
                    .append("</td><td>");
            if (r.errors().isEmpty()) {
                h.append("0");
            } else {
                h.append("<ul class=\"errors\">");
                r.errors().forEach(e -> h.append("<li>").append(esc(mask(e))).append("</li>"));
                h.append("</ul>");
            }
            h.append("</td></tr>\n");
        }
        return h.append("</tbody>\n</table>\n</div>\n").toString();
    }

    Page signIn(boolean canSignIn, String problem) {
        StringBuilder h = new StringBuilder("<h1>Sign in</h1>\n");
        if (!canSignIn) {
            h.append("<p id=\"signin-off\">Signing in is off: the daemon has no <code>daemon.http.token</code>."
                    + " The page is read-only.</p>\n");
            return new Page(200, "Sign in", h.toString());
        }
        if (problem != null) {
            h.append("<p id=\"signin-error\" class=\"problem\" role=\"alert\">").append(esc(problem)).append("</p>\n");
        }
        h.append("<p>Sign in with the daemon's token (<code>daemon.http.token</code>) to see invite links and to"
                + " sync, pause or resume bots.</p>\n<form method=\"post\" action=\"/ui/signin\" class=\"signin\">\n"
                + "<label for=\"token\">Token</label>\n"
                + "<input id=\"token\" type=\"password\" name=\"token\" autocomplete=\"current-password\" required>\n"
                + "<button id=\"signin\" type=\"submit\">Sign in</button>\n</form>\n");
        return new Page(200, "Sign in", h.toString());
    }

    static Page notFound(String what) {
        return new Page(404, "Not found", "<h1>Not found</h1>\n<p>" + esc(what) + "</p>\n"
                + "<p><a href=\"/\">Back to the bots</a></p>\n");
    }

    static Page message(int status, String title, String text) {
        return new Page(status, title, "<h1>" + esc(title) + "</h1>\n<p id=\"message\">" + esc(text) + "</p>\n"
                + "<p><a href=\"/\">Back to the bots</a></p>\n");
    }

    /** One declared group: its spec (null when no valid files are loaded) and its status (null before a run). */
    private record Row(String key, String subject, SourceLocation location, GroupSpec spec, GroupStatus status) {
        boolean matches(String q) {
            String needle = q.toLowerCase(Locale.ROOT);
            return key.toLowerCase(Locale.ROOT).contains(needle)
                    || subject != null && subject.toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    private List<GroupSpec> declared(BotId bot) {
        DesiredState desired = console.desired();
        return desired == null ? List.of() : desired.groupsOf(bot);
    }

    /** The declared groups (from the files, or from the runs before valid files are loaded), in order. */
    private List<Row> rows(BotId bot) {
        List<GroupStatus> known = console.status().groups(bot);
        List<GroupSpec> specs = declared(bot);
        List<Row> rows = new ArrayList<>();
        if (specs.isEmpty()) {
            known.forEach(g -> rows.add(new Row(g.key(), g.subject(), g.declaredAt(), null, g)));
            return rows;
        }
        for (GroupSpec spec : specs) {
            GroupStatus g = known.stream().filter(k -> k.key().equals(spec.key())).findFirst().orElse(null);
            rows.add(new Row(spec.key(), spec.subject(), spec.location(), spec, g));
        }
        return rows;
    }

    private String groupHref(BotId bot, String key) {
        return "/ui/bots/" + esc(segment(bot.value())) + "/groups/" + esc(segment(key));
    }

    /**
     * {@code file:line} (the file as the repository names it, with git), a link to the file's line under
     * {@code daemon.git.webUrl} when set and the files are from git.
     */
    private String declaredAt(SourceLocation at) {
        if (at == null) {
            return "—";
        }
        String file = console.repositoryPath(at.file());
        String text = (file != null ? file : at.file()) + ":" + at.line();
        if (webUrl == null || file == null) {
            return "<code>" + esc(text) + "</code>";
        }
        String base = webUrl.toString().endsWith("/") ? webUrl.toString() : webUrl + "/";
        return "<a class=\"source-link\" href=\"" + esc(base + file + "#L" + at.line()) + "\"><code>" + esc(text)
                + "</code></a>";
    }

    /**
     * The start of a table up to its open {@code <tbody>}, in a wrapper that scrolls sideways on a narrow screen
     * (focusable, so the keyboard can scroll it too).
     */
    private static String table(String id, String label, String caption, List<String> columns) {
        StringBuilder h = new StringBuilder("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
                .append(esc(label)).append(" table\">\n<table id=\"").append(esc(id)).append("\">\n<caption>")
                .append(esc(caption)).append("</caption>\n<thead><tr>");
        columns.forEach(c -> h.append("<th scope=\"col\">").append(esc(c)).append("</th>"));
        return h.append("</tr></thead>\n<tbody>\n").toString();
    }

    private static String fact(String name, String valueHtml) {
        return "<div><dt>" + esc(name) + "</dt><dd>" + valueHtml + "</dd></div>";
    }

    private static String button(String action, String id, String label, Sessions.Session session) {
        return "<form method=\"post\" action=\"" + action + "\" class=\"inline\">" + Layout.csrf(session)
                + "<button id=\"" + esc(id) + "\" type=\"submit\">" + esc(label) + "</button></form>\n";
    }

    private String number(Msisdn n) {
        return mask(n.e164());
    }

    private String mask(String text) {
        return console.status().mask(text, showNumbers);
    }
}
