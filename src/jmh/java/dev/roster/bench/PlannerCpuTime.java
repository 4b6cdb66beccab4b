package dev.roster.bench;

import dev.roster.model.DesiredState;
import dev.roster.model.LiveState;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A companion to {@link PlannerBenchmark} for a shared, loaded machine: the planning thread's CPU time (which
 * other processes' load does not inflate, unlike wall time), median of {@code runs} plans after warm-up.
 * GC work on other threads is not counted here; JMH's wall time includes it.
 *
 * <p>Usage: {@code PlannerCpuTime GROUPS DRIFT(true|false) [RUNS]}
 */
public final class PlannerCpuTime {
    private PlannerCpuTime() {
    }

    public static void main(String[] args) {
        int groups = Integer.parseInt(args[0]);
        boolean drift = Boolean.parseBoolean(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Fleet fleet = new Fleet(groups);
        DesiredState desired = fleet.desired();
        LiveState live = fleet.live(drift);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) {
            Planner.plan(desired, live, new PlannerOptions(false));
        }
        long[] cpu = new long[runs];
        long[] wall = new long[runs];
        int changed = 0;
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            changed = Planner.plan(desired, live, new PlannerOptions(false)).changedGroups().size();
            wall[i] = System.nanoTime() - w0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("groups=%d drift=%s changed_groups=%d cpu_ms_median=%.1f wall_ms_median=%.1f runs=%d%n",
                groups, drift, changed, cpu[runs / 2] / 1e6, wall[runs / 2] / 1e6, runs);
    }
}
