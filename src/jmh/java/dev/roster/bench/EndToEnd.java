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
 * read + plan against the lower bound {@code (1 + groups) × latency ÷ concurrency}, the calls the simulator
 * counted, writes, peak heap; the simulator's own capacity at zero latency; an apply with drift whose writes must
 * equal one call per change (per 20 numbers); and a plan after it, which must find nothing to change.
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
 * [--work target/bench-e2e] [--yaml false] [--cds true] [--client-nice 10]}: with {@code --yaml true} each run
 * loads the desired state from YAML files (slow at this size: see {@link PlanRun}). Every run is bounded (timeouts
 * below) and every child process is stopped at the end, also on failure.
 */
public final class EndToEnd {
    private static final String TOKEN = SimulatorProcess.TOKEN;

    private final String classpath = System.getProperty("java.class.path");
    private final String java = SimulatorProcess.java();
    private final Path work;
    private final List<String> report = new ArrayList<>();
    /** Desired state from YAML files (true), or built in memory to the same content (false, the default). */
    private boolean yaml;
    /** The class-data archive the runs map, as {@code ./roster} does; null for none. */
    private Path archive;
    /** How much lower the clients' CPU priority is than the simulator's ({@code nice -n}); 0 for the same. */
    private int clientNice;

    private EndToEnd(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("--groups", "10000", "--c1-groups", "10000",
                "--runs", "3", "--c1-runs", "1", "--latency", "50", "--work", "target/bench-e2e", "--yaml", "false",
                "--cds", "true", "--client-nice", "10"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opts.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + opts.keySet());
            }
            opts.put(args[i], args[i + 1]);
        }
        int groups = Integer.parseInt(opts.get("--groups"));
        int c1Groups = Integer.parseInt(opts.get("--c1-groups"));
        int runs = Integer.parseInt(opts.get("--runs"));
        int c1Runs = Integer.parseInt(opts.get("--c1-runs"));
        long latency = Long.parseLong(opts.get("--latency"));
        EndToEnd e2e = new EndToEnd(Path.of(opts.get("--work")));
        e2e.yaml = Boolean.parseBoolean(opts.get("--yaml"));
        e2e.archive = Boolean.parseBoolean(opts.get("--cds")) ? e2e.work.toAbsolutePath().resolve("planrun.jsa") : null;
        e2e.clientNice = Integer.parseInt(opts.get("--client-nice"));
        e2e.run(groups, c1Groups, runs, c1Runs, latency);
    }

    private void run(int groups, int c1Groups, int runs, int c1Runs, long latency) throws Exception {
        Files.createDirectories(work);
        long t = System.nanoTime();
        String desired = seedDesired(groups);
        String desiredSmall = seedDesired(c1Groups);
        Path state = seedState(groups, false);
        Path drifted = seedState(groups, true);
        Path stateSmall = seedState(c1Groups, false);
        log("seeded " + groups + " and " + c1Groups + " groups × " + Fleet.PARTICIPANTS + " participants in "
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
                    (1 + groups) * 1000L / Math.max(1, ms), groups, ms, calls(results), median(results, "writes"),
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
        double bound = (1 + groups) * (double) latency / concurrency;
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
            return "fleet:" + groups;
        }
        Path dir = work.resolve("desired-" + groups);
        if (!Files.isDirectory(dir)) {
            DesiredFiles.write(dir, groups, Fleet.PARTICIPANTS - 1);
        }
        return dir.toString();
    }

    private Path seedState(int groups, boolean drift) throws IOException {
        Path file = work.resolve("state-" + groups + (drift ? "-drift" : "") + ".json");
        if (!Files.exists(file)) {
            SimStateFile.write(file, new Fleet(groups), drift);
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

    /** A simulator in its own JVM ({@link SimulatorProcess}), stopped on close. */
    private final class Sim implements AutoCloseable {
        private final SimulatorProcess process;
        private final URI base;

        Sim(Path state, long latency) throws Exception {
            process = new SimulatorProcess(state, latency, work.resolve("simulator.log"), List.of());
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

        JsonNode stats() throws IOException, InterruptedException {
            return process.stats();
        }

        void resetStats() throws IOException, InterruptedException {
            process.resetStats();
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
            resetStats();
            List<String> flags = archive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + archive);
            String out = planRun(flags, desired, concurrency, mode);
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : out.substring(out.lastIndexOf('\n') + 1).split(" ")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            JsonNode stats = stats();
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
                    base.toString(), TOKEN, desired, String.valueOf(concurrency), mode));
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
