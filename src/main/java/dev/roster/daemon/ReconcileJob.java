package dev.roster.daemon;

import dev.roster.model.BotId;
import java.util.Date;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of one bot (JobKey = the bot id); runs the node's {@link BotRunner}.
 *
 * <p>A fire that fell due at or before the moment the bot's previous run began is covered by that run and is not run
 * again: the job's data keeps when its last run fired ({@value #LAST_FIRED}, saved by Quartz after each execution, in
 * the database in cluster mode, so every node sees it). This folds the one-off fires that can pile up behind a run
 * (the run at a node's start, the recovery of a run whose node died, a tick that fell due meanwhile) into one run.
 *
 * <p>A fire whose trigger carries a {@value #SCOPE} (a run started by provider events, for some groups) runs those
 * groups only, unless a whole run began after it fell due; it does not count as the bot's last run, so it never
 * folds a whole run away.
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
public final class ReconcileJob implements Job {
    static final String BOT = "bot";
    /** Epoch milliseconds at which the bot's last run fired (a string: cluster mode stores job data as properties). */
    static final String LAST_FIRED = "lastFiredMillis";
    /** The {@link RunScope} of a trigger's fire, encoded; absent for a run of the whole bot. */
    static final String SCOPE = "scope";
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        BotId bot = BotId.of(context.getMergedJobDataMap().getString(BOT));
        Date due = context.getScheduledFireTime();
        JobDataMap data = context.getJobDetail().getJobDataMap();
        long lastFired = lastFired(data);
        if (due != null && due.getTime() <= lastFired) {
            LOG.debug("bot {}: the fire due at {} is covered by the run that began at {}; not run again", bot,
                    due.toInstant(), new Date(lastFired).toInstant());
            return;
        }
        RunScope scope = RunScope.decode(context.getTrigger().getJobDataMap().getString(SCOPE));
        if (scope.isAll()) {
            data.put(LAST_FIRED, Long.toString(context.getFireTime().getTime()));
        }
        try {
            BotRunner runner = (BotRunner) context.getScheduler().getContext().get(JobSync.RUNNER);
            runner.run(bot, due == null ? null : due.toInstant(), scope);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }

    private static long lastFired(JobDataMap data) {
        Object value = data.get(LAST_FIRED);
        if (value == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
