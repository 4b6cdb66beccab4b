package dev.roster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end benchmark: starts the simulator in its own JVM (with latency), seeds it with a {@link Fleet},
 * runs {@link PlanRun} in a fresh {@code -Xmx512m} JVM per run, and reports medians of the runs: wall time of
 * read + plan against the lower bound {@code (⌈bots ÷ concurrency⌉ + groups ÷ concurrency) × latency}, the calls
 * the simulator counted, writes, peak heap; the simulator's own capacity at zero latency; an apply with drift whose
 * writes must equal one call per change (per 20 numbers); and a plan after it, which must find nothing to change.
 *
 * <p>Like {@code ./roster}, the runs map a class-data archive written by one training run before the first measured
 * one ({@code --cds false}: without). Each simulator serves one unmeasured plan before the measured runs
 * ({@link Sim#warm}); every measured client is a fresh JVM.
 *
 * <p>The simulator stands in for a remote API, whose answers are not slowed down by the client's own CPU use; on a
 * shared machine they would be (the measured client's JIT and its 64 threads can take both cores, and the
 * simulator's answers then leave late). So every client runs at a lower CPU priority than the simulator
 * ({@code nice -n 10}, or {@code --client-nice N}; 0 runs it at the simulator's priority): the simulator gets the
 * CPU first, and the client everything else.
 *
 * <p>Usage: {@code EndToEnd [--groups 10000] [--c1-groups 10000] [--runs 3] [--c1-runs 1] [--latency 50]
 * [--work target/bench-e2e] [--yaml false] [--cds true] [--client-nice 10] [--bots 1] [--participants 256]
 * [--curve 1000,10000,100000] [--client-flags "JVM flags"]}: with {@code --yaml true} each run loads the desired
 * state from YAML files (slow at this size: see {@link PlanRun}; one bot of 256 participants per group only).
 * {@code --bots} and {@code --participants} set the {@link Fleet}'s shape ({@code --groups} is the total over all
 * bots); {@code --client-flags} adds JVM flags to every measured client (a flight recording, say).
 * Every run is bounded (timeouts below) and every child process is stopped at the end, also on failure.
 *
 * <p>{@code --curve} runs only converged plans, for each number of groups listed: a simulator at zero latency and
 * one at {@code --latency}, both up at once, and {@code --runs} pairs of plans alternated between them; see
 * {@link #curve}.
 */
public final class EndToEnd {
    private final String classpath = System.getProperty("java.class.path");
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Path work;
    private final List<String> report = new ArrayList<>();
    /** Desired state from YAML files (true), or built in memory to the same content (false, the default). */
    private boolean yaml;
    /** The class-data archive the runs map, as {@code ./roster} does; null for none. */
    private Path archive;
    /** How much lower the clients' CPU priority is than the simulator's ({@code nice -n}); 0 for the same. */
    private int clientNice;
    /** More JVM flags for the measured clients (a profiler, say); none by default. */
    private List<String> clientFlags = List.of();
    private int bots = 1;
    private int participants = Fleet.PARTICIPANTS;

    private EndToEnd(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("--groups", "10000", "--c1-groups", "10000",
                "--runs", "3", "--c1-runs", "1", "--latency", "50", "--work", "target/bench-e2e", "--yaml", "false",
                "--cds", "true", "--client-nice", "10"));
        opts.putAll(Map.of("--bots", "1", "--participants", String.valueOf(Fleet.PARTICIPANTS), "--curve", "",
                "--client-flags", ""));
        opts = BenchOptions.parse(opts, args);
        int groups = Integer.parseInt(opts.get("--groups"));
        int c1Groups = Integer.parseInt(opts.get("--c1-groups"));
        int runs = Integer.parseInt(opts.get("--runs"));
        int c1Runs = Integer.parseInt(opts.get("--c1-runs"));
        long latency = Long.parseLong(opts.get("--latency"));
        EndToEnd e2e = new EndToEnd(Path.of(opts.get("--work")));
        e2e.yaml = Boolean.parseBoolean(opts.get("--yaml"));
        e2e.archive = Boolean.parseBoolean(opts.get("--cds")) ? e2e.work.toAbsolutePath().resolve("planrun.jsa") : null;
        e2e.clientNice = Integer.parseInt(opts.get("--client-nice"));
        e2e.clientFlags = opts.get("--client-flags").isBlank() ? List.of()
                : List.of(opts.get("--client-flags").trim().split("\\s+"));
        e2e.bots = Integer.parseInt(opts.get("--bots"));
        e2e.participants = Integer.parseInt(opts.get("--participants"));
        if (e2e.yaml && (e2e.bots != 1 || e2e.participants != Fleet.PARTICIPANTS)) {
            throw new IllegalArgumentException("--yaml true writes one bot of " + Fleet.PARTICIPANTS + " participants");
        }
        if (opts.get("--curve").isEmpty() && e2e.participants < 75) {
            // the apply row's drift: 25 undeclared members, refused by the applier's 25 % removal guard below 75
            throw new IllegalArgumentException("the apply with drift needs 75 participants per group or more; use "
                    + "--curve for smaller groups");
        }
        if (!opts.get("--curve").isEmpty()) {
            List<Integer> sizes = new ArrayList<>();
            for (String size : opts.get("--curve").split(",")) {
                sizes.add(Integer.parseInt(size.trim()));
            }
            e2e.curve(sizes, runs, latency);
        } else {
            e2e.run(groups, c1Groups, runs, c1Runs, latency);
        }
    }

    private void run(int groups, int c1Groups, int runs, int c1Runs, long latency) throws Exception {
        Files.createDirectories(work);
        long t = System.nanoTime();
        String desired = seedDesired(groups);
        String desiredSmall = seedDesired(c1Groups);
        Path state = seedState(groups, false);
        Path drifted = seedState(groups, true);
        Path stateSmall = seedState(c1Groups, false);
        log("seeded " + groups + " and " + c1Groups + " groups × " + participants + " participants over " + bots
                + " bot(s) in "
                + (System.nanoTime() - t) / 1_000_000 + " ms");
        line("Each measured client is a fresh -Xmx512m JVM (start excluded) at nice " + clientNice
                + " below the simulator" + (archive == null ? "" : ", mapping a class-data archive") + ".");
        line("");
        line("| measurement | groups | concurrency | latency | median | lower bound | ratio | calls (list + get) | writes | peak heap (MiB) | runs |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");

        try (Sim sim = new Sim(state, 0)) {
            if (archive != null) {
                sim.train(desired);
            } else {
                sim.warm(desired);
            }
            List<Map<String, String>> results = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                results.add(sim.measure(desired, 64, "plan"));
            }
            long ms = median(results, "read_plan_ms");
            line(String.format(Locale.ROOT, "| simulator capacity (plan at zero latency): %,d req/s | %d | 64 | 0 ms | %,d ms | - | - | %s | %s | %s | %d |",
                    (bots + groups) * 1000L / Math.max(1, ms), groups, ms, calls(results), median(results, "writes"),
                    median(results, "peak_heap_mb"), runs));
        }
        try (Sim sim = new Sim(state, latency).warm(desired)) {
            planRow(sim, desired, groups, 64, latency, runs, "converged plan");
        }
        try (Sim sim = new Sim(stateSmall, latency).warm(desiredSmall)) {
            long c64 = planRow(sim, desiredSmall, c1Groups, 64, latency, runs, "converged plan");
            long c1 = planRow(sim, desiredSmall, c1Groups, 1, latency, c1Runs, "converged plan");
            line(String.format(Locale.ROOT, "| speed-up c=1 → c=64 at %d groups: %.1f× | | | | | | | | | | |",
                    c1Groups, (double) c1 / Math.max(1, c64)));
        }
        List<Map<String, String>> applies = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            try (Sim sim = new Sim(drifted, latency).warm(desired)) {
                Map<String, String> applied = sim.measure(desired, 64, "apply");
                applies.add(applied);
                if (r == 0) {
                    Map<String, String> after = sim.measure(desired, 64, "plan");
                    log("plan after apply: " + after);
                    if (!after.get("changed_groups").equals("0") || !after.get("writes").equals("0")) {
                        throw new IllegalStateException("the plan after apply is not empty: " + after);
                    }
                }
            }
        }
        for (Map<String, String> a : applies) {
            if (!a.get("writes").equals(a.get("expected_write_calls"))) {
                throw new IllegalStateException("writes differ from one call per change: " + a);
            }
        }
        line(String.format(Locale.ROOT, "| apply with drift (%s changed groups; %s changes): read + plan + apply | %d | 64 | %d ms | %,d ms | - | - | %s | %s (expected %s) | %s | %d |",
                applies.get(0).get("changed_groups"), applies.get(0).get("changes_applied"), groups, latency,
                median(applies, "read_plan_ms") + median(applies, "apply_ms"), calls(applies),
                median(applies, "writes"), applies.get(0).get("expected_write_calls"),
                median(applies, "peak_heap_mb"), runs));
        Files.write(work.resolve("results.md"), report);
        log("results in " + work.resolve("results.md"));
    }

    /**
     * Per number of groups: a simulator at zero latency and one at {@code latency} over the same state, both up at
     * once and each warmed up by one plan; then {@code runs} pairs of converged plans, one on each, alternated, so
     * that both see the same state of the host. Every plan renders JSON and Markdown as well ({@link PlanRun}).
     * One row per size: the bound is the larger of the latency bound, {@code (1 + groups ÷ 64) × latency} (the
     * reader lists every bot at once, then reads the groups of all bots through one pool of 64), and the calls ÷
     * the capacity measured at zero latency (the median read + plan time there); the ratio is the median of
     * read + plan + both renderings over that bound.
     */
    private void curve(List<Integer> sizes, int runs, long latency) throws Exception {
        Files.createDirectories(work);
        int concurrency = 64;
        line("Converged plans, " + bots + " bot(s) × " + participants + " participants per group (bot included), "
                + "concurrency " + concurrency + ", latency " + latency + " ms; each measured client a fresh -Xmx512m "
                + "JVM (start excluded) at nice " + clientNice + " below the simulator"
                + (archive == null ? "" : ", mapping a class-data archive") + "; " + runs
                + " alternated pairs of runs (zero latency, latency) per row; medians, spread in brackets.");
        line("");
        line("| groups | calls (list + get) | capacity at 0 ms | latency bound | capacity bound | read + plan | JSON | Markdown | total (read + plan + render) | ratio to bound | ratio to latency bound | µs per group (total) | peak heap (MiB, max) | retained after GC (MiB) | GCs while timed (ms) | GCs in all (ms) | client CPU | desired state built | load before → after |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        boolean trained = false;
        for (int groups : sizes) {
            Fleet fleet = new Fleet(groups, bots, participants);
            String desired = desired(fleet);
            long t = System.nanoTime();
            Path state = seedState(fleet, false);
            log("seeded " + groups + " groups in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            List<Map<String, String>> zero = new ArrayList<>();
            List<Map<String, String>> slow = new ArrayList<>();
            String loadBefore;
            try (Sim fast = new Sim(state, 0); Sim late = new Sim(state, latency)) {
                if (archive != null && !trained) {
                    fast.train(desired);
                    trained = true;
                } else {
                    fast.warm(desired);
                }
                late.warm(desired);
                loadBefore = loadAverage();
                for (int r = 0; r < runs; r++) {
                    zero.add(converged(fast.measure(desired, concurrency, "plan")));
                    slow.add(converged(late.measure(desired, concurrency, "plan")));
                }
            }
            long calls = bots + (long) groups;
            long atZero = median(zero, "read_plan_ms");
            double latencyBound = latencyBound(groups, concurrency, latency);
            double bound = Math.max(latencyBound, atZero);
            long total = median(slow, "total_ms");
            line(String.format(Locale.ROOT, "| %,d | %s | %,d req/s | %,.0f ms | %,d ms | %s | %s ms, %s | %s ms, %s | %s | **%.2f×** (%.2f–%.2f) | %.2f× | %.0f | %s | %s | %s (%s) | %s (%s) | %s ms | %s ms | %s → %s |",
                    groups, calls(slow), calls * 1000 / Math.max(1, atZero), latencyBound, atZero,
                    spread(slow, "read_plan_ms"), spread(slow, "json_ms"), bytes(slow, "json_bytes"),
                    spread(slow, "markdown_ms"), bytes(slow, "markdown_bytes"), spread(slow, "total_ms"),
                    total / bound, min(slow, "total_ms") / bound, max(slow, "total_ms") / bound, total / latencyBound,
                    total * 1000.0 / groups, max(slow, "peak_heap_mb"), median(slow, "retained_mb"),
                    median(slow, "timed_gc_count"), median(slow, "timed_gc_ms"), median(slow, "gc_count"),
                    median(slow, "gc_ms"), String.format(Locale.ROOT, "%,d", median(slow, "cpu_ms")),
                    String.format(Locale.ROOT, "%,d", median(slow, "load_ms")), loadBefore, loadAverage()));
            Files.write(work.resolve("results.md"), report);
        }
        log("results in " + work.resolve("results.md"));
    }

    /**
     * The lists of all bots at once (one round per {@code concurrency} bots), then the gets of all bots through one
     * pool: {@code (⌈bots ÷ concurrency⌉ + groups ÷ concurrency) × latency}, as {@code LiveStateReader} reads.
     */
    private double latencyBound(int groups, int concurrency, long latency) {
        return (Math.ceil((double) bots / concurrency) + (double) groups / concurrency) * latency;
    }

    private static Map<String, String> converged(Map<String, String> m) {
        if (!m.get("changed_groups").equals("0") || !m.get("writes").equals("0")) {
            throw new IllegalStateException("a converged plan changed something: " + m);
        }
        return m;
    }

    /** The median and, in brackets, the smallest and largest value, in ms with thousands separators. */
    private static String spread(List<Map<String, String>> results, String key) {
        return String.format(Locale.ROOT, "%,d (%,d–%,d)", median(results, key), min(results, key),
                max(results, key));
    }

    private static String bytes(List<Map<String, String>> results, String key) {
        return String.format(Locale.ROOT, "%,d bytes", median(results, key));
    }

    private static long min(List<Map<String, String>> results, String key) {
        return results.stream().mapToLong(m -> Long.parseLong(m.get(key))).min().orElseThrow();
    }

    private static long max(List<Map<String, String>> results, String key) {
        return results.stream().mapToLong(m -> Long.parseLong(m.get(key))).max().orElseThrow();
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** Runs plans, adds a table row, returns the median read + plan time in ms. */
    private long planRow(Sim sim, String desired, int groups, int concurrency, long latency, int runs, String what)
            throws Exception {
        List<Map<String, String>> results = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Map<String, String> m = sim.measure(desired, concurrency, "plan");
            if (!m.get("changed_groups").equals("0") || !m.get("writes").equals("0")) {
                throw new IllegalStateException("a converged plan changed something: " + m);
            }
            results.add(m);
        }
        long ms = median(results, "read_plan_ms");
        double bound = latencyBound(groups, concurrency, latency);
        line(String.format(Locale.ROOT, "| %s (read + plan; desired state built in %,d ms apart) | %d | %d | %d ms | %,d ms | %,.0f ms | %.2f× | %s | %s | %s | %d |",
                what, median(results, "load_ms"), groups, concurrency, latency, ms, bound, ms / bound,
                calls(results), median(results, "writes"), median(results, "peak_heap_mb"), runs));
        return ms;
    }

    private static String calls(List<Map<String, String>> results) {
        Map<String, String> m = results.get(0);
        for (Map<String, String> other : results) {
            if (!other.get("list").equals(m.get("list")) || !other.get("get").equals(m.get("get"))) {
                return "varied: " + results;
            }
        }
        return m.get("list") + " + " + m.get("get");
    }

    private static long median(List<Map<String, String>> results, String key) {
        List<Long> values = results.stream().map(m -> Long.parseLong(m.get(key))).sorted().toList();
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private String seedDesired(int groups) throws IOException {
        if (!yaml) {
            return desired(new Fleet(groups, bots, participants));
        }
        Path dir = work.resolve("desired-" + groups);
        if (!Files.isDirectory(dir)) {
            DesiredFiles.write(dir, groups, Fleet.PARTICIPANTS - 1);
        }
        return dir.toString();
    }

    /** The {@link PlanRun} argument that builds {@code fleet}'s desired state in memory. */
    private static String desired(Fleet fleet) {
        return "fleet:" + fleet.groups() + ":" + fleet.bots().size() + ":" + fleet.participants();
    }

    private Path seedState(int groups, boolean drift) throws IOException {
        return seedState(new Fleet(groups, bots, participants), drift);
    }

    private Path seedState(Fleet fleet, boolean drift) throws IOException {
        String shape = fleet.bots().size() == 1 && fleet.participants() == Fleet.PARTICIPANTS ? ""
                : "-" + fleet.bots().size() + "x" + fleet.participants();
        Path file = work.resolve("state-" + fleet.groups() + shape + (drift ? "-drift" : "") + ".json");
        if (!Files.exists(file)) {
            SimStateFile.write(file, fleet, drift);
        }
        return file;
    }

    private void line(String s) {
        report.add(s);
        System.out.println(s);
    }

    private static void log(String s) {
        System.err.println("[e2e] " + s);
    }

    /** A {@link SimulatorProcess} and the {@link PlanRun}s measured against it. */
    private final class Sim implements AutoCloseable {
        private final SimulatorProcess process;
        private final URI base;

        Sim(Path state, long latency) throws Exception {
            process = new SimulatorProcess(java, classpath, state, latency, work.resolve("simulator.log"));
            base = process.base();
            log("simulator on " + base + ", latency " + latency + " ms, state " + state.getFileName());
        }

        /**
         * One plan whose figures are dropped, so that the simulator's own JIT has compiled its request path before
         * the measured runs: the bound assumes a server that costs nothing, and a real API is warm, while a fresh
         * simulator's compiler threads would take the two cores from the measured client.
         */
        Sim warm(String desired) throws Exception {
            try {
                planRun(List.of(), desired, 64, "plan");
            } catch (Exception | Error e) {
                close();
                throw e;
            }
            log("simulator warmed up by one plan");
            return this;
        }

        /**
         * One {@link PlanRun} whose figures are dropped and at whose exit the JVM writes {@link #archive}: what
         * {@code ./roster} does once per build.
         */
        void train(String desired) throws Exception {
            Files.deleteIfExists(archive);
            planRun(List.of("-XX:ArchiveClassesAtExit=" + archive), desired, 64, "plan");
            log("class-data archive " + archive + ": " + Files.size(archive) / (1024 * 1024) + " MiB");
        }

        /** One {@link PlanRun} in a fresh -Xmx512m JVM; its figures plus the simulator's counts. */
        Map<String, String> measure(String desired, int concurrency, String mode) throws Exception {
            process.resetStats();
            List<String> flags = new ArrayList<>(clientFlags);
            if (archive != null) {
                flags.add("-XX:SharedArchiveFile=" + archive);
            }
            String out = planRun(flags, desired, concurrency, mode);
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : out.substring(out.lastIndexOf('\n') + 1).split(" ")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            JsonNode stats = process.stats();
            m.put("list", String.valueOf(stats.path("requests").path("GET /groups").asLong()));
            m.put("get", String.valueOf(stats.path("requests").path("GET /groups/{id}").asLong()));
            m.put("total", String.valueOf(stats.path("total_requests").asLong()));
            m.put("writes", String.valueOf(stats.path("writes").asLong()));
            log(mode + " c=" + concurrency + ": " + m);
            return m;
        }

        /** Runs {@link PlanRun} with the JVM flags ./roster starts plan and apply with, plus {@code flags}. */
        private String planRun(List<String> flags, String desired, int concurrency, String mode) throws Exception {
            List<String> command = new ArrayList<>();
            if (clientNice != 0) {
                command.addAll(List.of("nice", "-n", String.valueOf(clientNice)));
            }
            command.addAll(List.of(java, "-Xmx512m", "@config/jvm.options",
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            command.addAll(flags);
            command.addAll(List.of("-cp", classpath, PlanRun.class.getName(),
                    base.toString(), SimulatorProcess.TOKEN, desired, String.valueOf(concurrency), mode));
            Process run = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(run.getInputStream().readAllBytes()).trim();
            if (!run.waitFor(15, TimeUnit.MINUTES) || run.exitValue() != 0) {
                run.destroyForcibly();
                throw new IllegalStateException("PlanRun failed (exit " + run.exitValue() + "): " + out);
            }
            return out;
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
