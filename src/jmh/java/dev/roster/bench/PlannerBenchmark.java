package dev.roster.bench;

import dev.roster.model.DesiredState;
import dev.roster.model.LiveState;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Planner#plan} over one bot with 1k, 10k and 100k groups of 256 participants, converged and with drift
 * (see {@link Fleet}). Target: under 300 ms at 10k, and linear in the number of groups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx10g", "-XX:+UseParallelGC"})
public class PlannerBenchmark {
    @Param({"1000", "10000", "100000"})
    public int groups;

    @Param({"false", "true"})
    public boolean drift;

    private DesiredState desired;
    private LiveState live;

    @Setup(Level.Trial)
    public void build() {
        Fleet fleet = new Fleet(groups);
        desired = fleet.desired();
        live = fleet.live(drift);
    }

    @Benchmark
    public Plan plan() {
        return Planner.plan(desired, live, new PlannerOptions(false));
    }
}
