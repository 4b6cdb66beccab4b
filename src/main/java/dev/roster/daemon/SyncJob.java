package dev.roster.daemon;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** Re-reads the desired state on the schedule and keeps one job per declared bot. */
@DisallowConcurrentExecution
public final class SyncJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            JobSync sync = (JobSync) context.getScheduler().getContext().get(JobSync.SYNC);
            sync.sync();
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }
}
