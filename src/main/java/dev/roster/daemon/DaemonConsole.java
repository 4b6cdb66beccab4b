package dev.roster.daemon;

import dev.roster.daemon.web.Console;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/** The operator's page's view of the daemon: the status board at once, the rest once the daemon has started. */
final class DaemonConsole implements Console {
    private final AtomicReference<Daemon> started;
    private final StatusBoard status;
    private final Path gitWorkDir;

    /** @param gitWorkDir the git working folder of the desired state, or null for local files */
    DaemonConsole(AtomicReference<Daemon> started, StatusBoard status, Path gitWorkDir) {
        this.started = started;
        this.status = status;
        this.gitWorkDir = gitWorkDir == null ? null : gitWorkDir.toAbsolutePath().normalize();
    }

    @Override
    public String repositoryPath(String file) {
        if (gitWorkDir == null || file == null) {
            return null;
        }
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            return path.startsWith(gitWorkDir) ? gitWorkDir.relativize(path).toString().replace('\\', '/') : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    @Override
    public StatusBoard status() {
        return status;
    }

    @Override
    public DesiredState desired() {
        Snapshot s = snapshot();
        return s == null ? null : s.loaded().state();
    }

    @Override
    public String commit() {
        Snapshot s = snapshot();
        return s == null ? null : s.commit();
    }

    @Override
    public Instant nextRun(BotId bot) {
        Daemon daemon = started.get();
        if (daemon == null) {
            return null;
        }
        try {
            Trigger trigger = daemon.scheduler().getTrigger(TriggerKey.triggerKey(bot.value(), JobSync.BOTS));
            return trigger == null || ControlApi.isPaused(daemon.scheduler(), bot) || trigger.getNextFireTime() == null
                    ? null : trigger.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            return null;
        }
    }

    @Override
    public boolean canSignIn() {
        ControlApi control = control();
        return control != null && control.isOn();
    }

    @Override
    public boolean isToken(String given) {
        ControlApi control = control();
        return control != null && control.isToken(given);
    }

    @Override
    public Outcome sync(BotId bot) {
        return act(bot, c -> c.sync(bot));
    }

    @Override
    public Outcome pause(BotId bot) {
        return act(bot, c -> c.pause(bot));
    }

    @Override
    public Outcome resume(BotId bot) {
        return act(bot, c -> c.resume(bot));
    }

    private Outcome act(BotId bot, Function<ControlApi, Outcome> action) {
        Daemon daemon = started.get();
        ControlApi control = control();
        if (daemon == null || control == null || daemon.isStopping()) {
            return new Outcome(false, "the daemon is starting or stopping; try again");
        }
        if (!control.isDeclared(bot)) {
            return new Outcome(false, "no bot " + bot + " is declared");
        }
        return action.apply(control);
    }

    private ControlApi control() {
        Daemon daemon = started.get();
        return daemon == null ? null : daemon.control();
    }

    private Snapshot snapshot() {
        Daemon daemon = started.get();
        return daemon == null ? null : daemon.runner().lastValidLoad();
    }
}
