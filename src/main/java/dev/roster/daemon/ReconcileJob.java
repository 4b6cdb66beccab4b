package dev.roster.daemon;

import dev.roster.model.BotId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** The Quartz job of one bot (JobKey = the bot id); runs the node's {@link BotRunner}. */
@DisallowConcurrentExecution
public final class ReconcileJob implements Job {
    static final String BOT = "bot";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        BotId bot = BotId.of(context.getMergedJobDataMap().getString(BOT));
        try {
            BotRunner runner = (BotRunner) context.getScheduler().getContext().get(JobSync.RUNNER);
            runner.run(bot, context.getScheduledFireTime() == null ? null
                    : context.getScheduledFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }
}
