package dev.roster.bench;

import dev.roster.api.ProgressListener;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyReport;
import dev.roster.apply.Applier;
import dev.roster.apply.AuditLog;
import dev.roster.apply.GroupResult;
import dev.roster.apply.Reconciler;
import dev.roster.config.DesiredStateLoader;
import dev.roster.config.SettingsLoader;
import dev.roster.model.DesiredState;
import dev.roster.model.Secret;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.Change;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.RemoveAdmins;
import dev.roster.plan.RemoveMembers;
import dev.roster.render.JsonRenderer;
import dev.roster.render.MarkdownRenderer;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One measured run, in its own JVM (started by {@link EndToEnd} with {@code -Xmx512m}): load the desired files,
 * read the live groups and plan (the {@link Reconciler}, as {@code roster plan} does, with the client built while the
 * desired state loads), and with {@code apply}
 * apply the plan (the {@link Applier}, as {@code roster apply --yes} does). A plan is then rendered as
 * {@code roster plan --format json} and {@code --format markdown} would print it, into a sink that counts the
 * UTF-8 bytes ({@code json_ms}, {@code json_bytes}, {@code markdown_ms}, {@code markdown_bytes}; {@code total_ms}
 * is read + plan + both renderings). Prints one line of {@code key=value} figures on stdout. Times are taken inside
 * the JVM, so JVM start is excluded; {@code cpu_ms} (the process's CPU time), {@code gc_count}, {@code gc_ms} and
 * {@code peak_heap_mb} cover the whole run, building the desired state included, {@code timed_gc_count} and
 * {@code timed_gc_ms} the timed part only; {@code retained_mb} is the heap in use after a full collection at the
 * end, with the desired state and the plan (and the live groups it holds) still reachable.
 *
 * <p>Usage: {@code PlanRun BASE_URL TOKEN DESIRED CONCURRENCY plan|apply}, where {@code DESIRED} is a directory of
 * YAML files, or {@code fleet:N} for the same desired state as {@link DesiredFiles} writes for N groups, built in
 * memory (loading 2.5 million numbers through libphonenumber takes minutes on a loaded machine; the loader has
 * its own benchmark, {@link LoaderBenchmark}, and {@code load_ms} is then the time to build it), or
 * {@code fleet:N:BOTS:PARTICIPANTS} for a {@link Fleet} of that shape.
 */
public final class PlanRun {
    private PlanRun() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        Secret token = Secret.of(args[1]);
        String desiredArg = args[2];
        int concurrency = Integer.parseInt(args[3]);
        boolean apply = args[4].equals("apply");

        long t0 = System.nanoTime();
        SinchOptions options = new SinchOptions(base, bot -> token, Duration.ofSeconds(5), Duration.ofSeconds(30),
                RetryPolicy.DEFAULT);
        // built while the desired state loads, as `roster plan` and `apply` do; no client-side rate limit: the
        // benchmark measures the latency bound, not requestsPerSecond
        CompletableFuture<SinchGroupApi> client =
                CompletableFuture.supplyAsync(() -> SinchGroupApi.create(options, RateLimiter.unlimited()));
        DesiredState desired = desiredArg.startsWith("fleet:")
                ? fleet(desiredArg.substring("fleet:".length()).split(":")).desired()
                : new DesiredStateLoader(SettingsLoader.defaults(Map.of())).load(List.of(Path.of(desiredArg))).state();
        SinchGroupApi api = client.join();
        long[] gcBefore = collections();
        long t1 = System.nanoTime();
        Reconciler.Planned planned = new Reconciler(api, concurrency, new PlannerOptions(false))
                .plan(desired, ProgressListener.NONE);
        long t2 = System.nanoTime();
        StringBuilder out = new StringBuilder();
        out.append("groups=").append(desired.groups().size())
                .append(" load_ms=").append((t1 - t0) / 1_000_000)
                .append(" read_plan_ms=").append((t2 - t1) / 1_000_000)
                .append(" complete=").append(planned.isComplete())
                .append(" changed_groups=").append(planned.plan().changedGroups().size())
                .append(" expected_write_calls=").append(expectedWriteCalls(planned.plan().groups()));
        if (!apply) {
            long json = sunk(out, "json", sink -> new JsonRenderer().render(planned.plan(), sink));
            long markdown = sunk(out, "markdown", sink -> new MarkdownRenderer().render(planned.plan(), sink));
            out.append(" total_ms=").append((t2 - t1 + json + markdown) / 1_000_000);
        } else {
            ApplyReport report = new Applier(api, new ApplyOptions(concurrency, 25, false, null), AuditLog.NONE,
                    Clock.systemUTC()).apply(planned.plan(), ProgressListener.NONE);
            long t3 = System.nanoTime();
            report.groups().stream().filter(GroupResult::isFailure).limit(5)
                    .forEach(g -> System.err.println("[PlanRun] failed: " + g));
            out.append(" apply_ms=").append((t3 - t2) / 1_000_000)
                    .append(" apply_failures=").append(report.hasFailures())
                    .append(" changes_applied=").append(report.changesApplied());
        }
        long[] gc = collections();
        out.append(" cpu_ms=").append(((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000)
                .append(" gc_count=").append(gc[0])
                .append(" gc_ms=").append(gc[1])
                .append(" timed_gc_count=").append(gc[0] - gcBefore[0])
                .append(" timed_gc_ms=").append(gc[1] - gcBefore[1]);
        // what stays reachable while the plan is shown: the desired state, the live state the plan holds, the plan
        System.gc();
        out.append(" retained_mb=").append(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                        / (1024 * 1024));
        java.lang.ref.Reference.reachabilityFence(planned);
        java.lang.ref.Reference.reachabilityFence(desired);
        out.append(" peak_heap_mb=").append(peakHeapBytes() / (1024 * 1024))
                .append(" max_heap_mb=").append(Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println(out);
    }

    private static Fleet fleet(String[] shape) {
        int groups = Integer.parseInt(shape[0]);
        return shape.length == 1 ? new Fleet(groups)
                : new Fleet(groups, Integer.parseInt(shape[1]), Integer.parseInt(shape[2]));
    }

    /**
     * Runs {@code render} into a writer over a byte-counting sink, as {@code roster plan} prints to stdout; adds
     * {@code NAME_ms} and {@code NAME_bytes} to {@code out}, returns the nanoseconds it took.
     */
    private static long sunk(StringBuilder out, String name, Consumer<PrintWriter> render) {
        long[] bytes = new long[1];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        long t0 = System.nanoTime();
        PrintWriter sink = new PrintWriter(new OutputStreamWriter(counting, StandardCharsets.UTF_8));
        render.accept(sink);
        sink.flush();
        long nanos = System.nanoTime() - t0;
        out.append(' ').append(name).append("_ms=").append(nanos / 1_000_000)
                .append(' ').append(name).append("_bytes=").append(bytes[0]);
        return nanos;
    }

    /** One call per change, member and admin changes one per 20 numbers. */
    static long expectedWriteCalls(List<GroupPlan> groups) {
        long calls = 0;
        for (GroupPlan g : groups) {
            for (Change c : g.changes()) {
                int numbers = c instanceof RemoveMembers r ? r.numbers().size()
                        : c instanceof AddAdmins a ? a.numbers().size()
                        : c instanceof RemoveAdmins d ? d.numbers().size() : 1;
                calls += (numbers + SinchGroupApi.MAX_NUMBERS_PER_CALL - 1) / SinchGroupApi.MAX_NUMBERS_PER_CALL;
            }
        }
        return calls;
    }

    /** Collections so far and the milliseconds they took, over all collectors. */
    private static long[] collections() {
        long[] sum = new long[2];
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum[0] += gc.getCollectionCount();
            sum[1] += gc.getCollectionTime();
        }
        return sum;
    }

    /** The sum of every heap pool's peak use: an upper bound of the heap's peak (pools peak at different times). */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
