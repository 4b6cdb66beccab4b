package dev.roster.daemon.web;

import dev.roster.daemon.StatusBoard;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import java.time.Instant;

/** What the page reads from the running daemon and asks of it. Every method answers also while the daemon starts. */
public interface Console {
    /** What an action on a bot came to: done, or why not, in words. */
    record Outcome(boolean done, String message) {}

    StatusBoard status();

    /** The latest valid desired state, or null before the first valid load. */
    DesiredState desired();

    /** The commit of the latest valid desired state, or null (local files, or none loaded). */
    String commit();

    /**
     * The path of a declaration's file inside the git repository of the desired state ({@code groups/sales.yaml}),
     * or null when the files are not from git or the file is outside the repository.
     */
    String repositoryPath(String file);

    /** When the bot's next scheduled run fires, or null (paused, unscheduled, or the daemon is starting). */
    Instant nextRun(BotId bot);

    /** True when {@code daemon.http.token} is set: only then can anybody sign in. */
    boolean canSignIn();

    /** True when {@code given} is {@code daemon.http.token}, compared in constant time; false when none is set. */
    boolean isToken(String given);

    /** Asks for a run of the whole bot now, as {@code POST /api/v1/bots/{bot}/sync} does. */
    Outcome sync(BotId bot);

    /** As {@code POST /api/v1/bots/{bot}/pause}. */
    Outcome pause(BotId bot);

    /** As {@code POST /api/v1/bots/{bot}/resume}. */
    Outcome resume(BotId bot);
}
