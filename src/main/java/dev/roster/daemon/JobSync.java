package dev.roster.daemon;

import dev.roster.model.BotId;
import java.util.Set;
import java.util.TreeSet;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the scheduler's jobs in line with the desired state: one {@link ReconcileJob} per declared
 * bot (group {@value #BOTS}, name = the bot id) on {@code daemon.schedule}, plus the {@link SyncJob} that
 * calls back here. Bots that appear get a job, bots that disappear lose theirs. Idempotent, so every
 * node of a cluster may call it: a job is (re)scheduled only when missing or when its cron changed.
 *
 * <p>Misfires do nothing (the next tick runs), and the misfire threshold is shorter than the gap between two ticks
 * ({@link QuartzSetup.Options#forSchedule}), so a paused, starved or database-less node never fires the ticks it
 * missed back to back. Jobs request recovery: the run of a node that died mid-run re-runs on another node; fires that
 * piled up behind a run are folded into it by {@link ReconcileJob}.
 */
final class JobSync {
    static final String RUNNER = "roster.runner";
    static final String SYNC = "roster.sync";
    static final String BOTS = "bots";
    static final JobKey SYNC_JOB = JobKey.jobKey("sync", "roster");
    private static final Logger LOG = LoggerFactory.getLogger(JobSync.class);

    private final Scheduler scheduler;
    private final BotRunner runner;
    private final String cron;

    JobSync(Scheduler scheduler, BotRunner runner, String cron) throws SchedulerException {
        this.scheduler = scheduler;
        this.runner = runner;
        this.cron = cron;
        scheduler.getContext().put(RUNNER, runner);
        scheduler.getContext().put(SYNC, this);
    }

    /**
     * Loads the desired state and, when it is valid, adds and removes bot jobs to match.
     *
     * @return the bots now scheduled, or null when the files did not load (jobs left as they were)
     */
    synchronized Set<BotId> sync() throws SchedulerException {
        ensure(JobBuilder.newJob(SyncJob.class).withIdentity(SYNC_JOB).storeDurably().build());
        Snapshot snapshot = runner.load();
        if (!snapshot.isValid()) {
            LOG.warn("desired state {} does not validate; jobs unchanged: {}", snapshot.origin(),
                    String.join("; ", snapshot.errors()));
            return null;
        }
        Set<BotId> bots = new TreeSet<>(snapshot.loaded().state().bots());
        for (BotId bot : bots) {
            ensure(JobBuilder.newJob(ReconcileJob.class).withIdentity(jobKey(bot))
                    .usingJobData(ReconcileJob.BOT, bot.value()).requestRecovery().storeDurably().build());
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(BOTS))) {
            if (!bots.contains(BotId.of(key.getName()))) {
                LOG.info("bot {} is no longer declared; its job is removed", key.getName());
                scheduler.deleteJob(key);
            }
        }
        return bots;
    }

    static JobKey jobKey(BotId bot) {
        return JobKey.jobKey(bot.value(), BOTS);
    }

    /**
     * Adds the job and its trigger when missing; replaces the trigger only when its cron changed. Replacing a
     * trigger that another node of the cluster stored a moment ago would fire its current tick a second time (the
     * new trigger's first fire time can be the tick the old one just fired), so a node that finds the job stored
     * since it looked keeps the stored one.
     */
    private void ensure(JobDetail job) throws SchedulerException {
        TriggerKey triggerKey = TriggerKey.triggerKey(job.getKey().getName(), job.getKey().getGroup());
        Trigger existing = scheduler.getTrigger(triggerKey);
        boolean jobStored = scheduler.checkExists(job.getKey());
        if (existing instanceof CronTrigger c && cron.equals(c.getCronExpression()) && jobStored) {
            return;
        }
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(job.getKey())
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
                .build();
        if (existing != null) {
            LOG.info("rescheduling {} on '{}'", job.getKey(), cron);
            scheduler.scheduleJob(job, Set.of(trigger), true);
            return;
        }
        try {
            if (jobStored) {
                scheduler.scheduleJob(trigger);
            } else {
                LOG.info("scheduling {} on '{}'", job.getKey(), cron);
                scheduler.scheduleJob(job, Set.of(trigger), false);
            }
        } catch (ObjectAlreadyExistsException storedByAnotherNode) {
            LOG.debug("{} was scheduled by another node meanwhile; keeping its trigger", job.getKey());
        }
    }
}
