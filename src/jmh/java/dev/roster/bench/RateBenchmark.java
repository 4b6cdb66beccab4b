package dev.roster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans at the provider's rate limit: the simulator in its own JVM with {@code --latency} and
 * {@code --rate-limit R} (429 with {@code Retry-After} above R requests in any sliding second), one bot with
 * {@code --groups} converged groups of {@code --participants} participants, and {@code roster plan} (the CLI, as a
 * user runs it: {@code dev.roster.cli.Main plan --config FILE --format json DIR}) in a fresh {@code -Xmx512m} JVM
 * per run, at {@code nice} {@code --client-nice} below the simulator as {@link EndToEnd} runs its clients.
 *
 * <p>For each R, two settings alternate, {@code --runs} times each, after one unmeasured run that warms the
 * simulator up ({@code --warm-up false}: none):
 * <ul>
 *   <li><b>auto</b>: the {@code api} settings of {@code --auto} ({@code key: value} pairs separated by ';';
 *       default {@value #DEFAULT_AUTO});
 *   <li><b>fixed</b>: {@code requestsPerSecond} = {@code --fixed-factor} × R (0.97: the best a user who knew R
 *       could set), with {@code maxRequestsPerSecond: 100000} (a fixed rate may not exceed it);
 * </ul>
 * both with {@code maxConcurrency} {@code --concurrency} (128) and {@code runTimeout} 30m.
 *
 * <p>Per run, from the simulator's stats (reset before each run): calls (every API request, 429s included), 429s,
 * failed groups (the plan's {@code problems}; must be 0), the API span (first to last request), the whole-run
 * rate (answered calls, i.e. calls minus 429s, over the API span), the <b>sustained rate</b> (answered calls per
 * second in the whole wall-clock seconds that start at least 2 s after the first request and end before the last
 * request, from the simulator's per-second counts), the ramp (from the first request to the end of the first
 * whole second that answered at least 0.9 R) and the 429s in the seconds that began within 2 s of the first request. Wall time is the client process's,
 * JVM start and loading the YAML files included. The client logs the {@code auto} controller's cuts (its
 * {@code AdaptiveLimits} logger at debug) into its log in {@code --work}; the table counts them. Then per R and settings: medians with their spread (min to max),
 * and the ratio auto / fixed of the medians. Each run's per-second counts are kept in {@code --work}.
 *
 * <p>Usage: {@code RateBenchmark [--rates 100,400,1500] [--runs 3] [--groups 10000] [--participants 8]
 * [--latency 50] [--concurrency 128] [--auto "requestsPerSecond: auto; maxRequestsPerSecond: 100000"]
 * [--fixed-factor 0.97] [--rate-limit-by all] [--warm-up true] [--capacity true] [--client-nice 10]
 * [--work target/bench-rate]}. With {@code --capacity true}, first one plan without any limit (after a warm-up)
 * measures what client and simulator manage on this machine: the ceiling of any sustained rate.
 */
public final class RateBenchmark {
    static final String DEFAULT_AUTO = "requestsPerSecond: auto; maxRequestsPerSecond: 100000";
    /** The largest api.maxRequestsPerSecond, set with fixed rates too, as they may not exceed it. */
    private static final String UNBOUNDED = "100000";
    private static final String TOKEN = SimulatorProcess.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SKIPPED_MILLIS = 2000;
    private static final double RAMPED = 0.9;

    private final String classpath = System.getProperty("java.class.path");
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Map<String, String> opts;
    private final Path work;
    private final List<String> report = new ArrayList<>();

    private RateBenchmark(Map<String, String> opts) {
        this.opts = opts;
        this.work = Path.of(opts.get("--work")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("--rates", "100,400,1500");
        opts.put("--runs", "3");
        opts.put("--groups", "10000");
        opts.put("--participants", "8");
        opts.put("--latency", "50");
        opts.put("--concurrency", "128");
        opts.put("--auto", DEFAULT_AUTO);
        opts.put("--fixed-factor", "0.97");
        opts.put("--rate-limit-by", "all");
        opts.put("--warm-up", "true");
        opts.put("--capacity", "true");
        opts.put("--client-nice", "10");
        opts.put("--work", "target/bench-rate");
        opts = BenchOptions.parse(opts, args);
        new RateBenchmark(opts).run();
    }

    /** One measured plan. */
    record Run(double rate, String mode, int index, double wallSeconds, double spanSeconds, long calls,
            long limited, int failedGroups, double wholeRunRate, double sustained, double rampSeconds,
            long limitedEarly, Cuts cuts) {
        double limitedShare() {
            return calls == 0 ? 0 : (double) limited / calls;
        }
    }

    /**
     * The cuts the {@code auto} controller logged at debug level ("rate limit now N requests/s ..."): how many,
     * and the first's time after the first request (NaN without one) and the rate it set.
     */
    record Cuts(int count, double firstSeconds, String firstRate) {
        static final Cuts NONE = new Cuts(0, Double.NaN, "");
        private static final Pattern LINE = Pattern.compile(
                "^(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) .*rate limit now (\\d+) requests/s");

        static Cuts of(Path log, long firstRequestMillis) throws IOException {
            int count = 0;
            double first = Double.NaN;
            String rate = "";
            for (String line : Files.readAllLines(log)) {
                Matcher m = LINE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                if (count++ == 0) {
                    long ofDay = ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60
                            + Long.parseLong(m.group(3))) * 1000 + Long.parseLong(m.group(4));
                    first = Math.floorMod(ofDay - firstRequestMillis, 86_400_000L) / 1000.0;
                    rate = m.group(5);
                }
            }
            return new Cuts(count, first, rate);
        }

        @Override
        public String toString() {
            return count == 0 ? "0" : String.format(Locale.ROOT, "%d (first at %.1f s, to %s/s)", count,
                    firstSeconds, firstRate);
        }
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        int groups = Integer.parseInt(opts.get("--groups"));
        int numbers = Integer.parseInt(opts.get("--participants")) - 1; // the bot is the last participant
        int runs = Integer.parseInt(opts.get("--runs"));
        Path desired = work.resolve("desired-" + groups + "x" + numbers);
        if (!Files.isDirectory(desired)) {
            DesiredFiles.write(desired, groups, numbers);
        }
        Path state = work.resolve("state-" + groups + "x" + numbers + ".json");
        if (!Files.exists(state)) {
            SimStateFile.write(state, new Fleet(groups), numbers);
        }
        line("Rate benchmark: " + groups + " converged groups × " + (numbers + 1) + " participants, one bot, "
                + opts.get("--latency") + " ms latency, simulator --rate-limit R --rate-limit-by "
                + opts.get("--rate-limit-by") + "; roster plan in a fresh -Xmx512m JVM at nice "
                + opts.get("--client-nice") + ", maxConcurrency " + opts.get("--concurrency") + ".");
        line("auto: api " + opts.get("--auto") + "; fixed: api requestsPerSecond " + opts.get("--fixed-factor")
                + " × R. Sustained: answered calls/s in the whole seconds from 2 s after the first request to the"
                + " last; rate: answered calls over first to last request; ramp: to the end of the first second"
                + " answering ≥ 0.9 R.");
        line("");
        line("| R | settings | run | wall | API span | calls | 429s | 429 share | failed groups | rate | sustained"
                + " | sustained / R | ramp | 429s in first 2 s | auto's cuts |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        String capacity = "";
        if (Boolean.parseBoolean(opts.get("--capacity"))) {
            capacity = capacity(state, desired);
        }
        List<Run> all = new ArrayList<>();
        for (String r : opts.get("--rates").split(",")) {
            double rate = Double.parseDouble(r.trim());
            try (Sim sim = new Sim(state, rate)) {
                Path auto = settings(sim, rate, "auto", opts.get("--auto"));
                Path fixed = settings(sim, rate, "fixed",
                        "requestsPerSecond: " + fmt(Double.parseDouble(opts.get("--fixed-factor")) * rate)
                                + "; maxRequestsPerSecond: " + UNBOUNDED);
                if (Boolean.parseBoolean(opts.get("--warm-up"))) {
                    Run warm = sim.measure(fixed, desired, rate, "warm-up", 0);
                    log("warm-up (not counted): " + warm);
                }
                for (int i = 1; i <= runs; i++) {
                    for (String mode : List.of("auto", "fixed")) {
                        Run run = sim.measure(mode.equals("auto") ? auto : fixed, desired, rate, mode, i);
                        all.add(run);
                        line(String.format(Locale.ROOT, "| %s | %s | %d | %.1f s | %.1f s | %,d | %,d | %.2f %% | %d"
                                + " | %,.0f/s | %s/s | %s | %s | %,d | %s |", fmt(rate), mode, i, run.wallSeconds(),
                                run.spanSeconds(), run.calls(), run.limited(), 100 * run.limitedShare(),
                                run.failedGroups(), run.wholeRunRate(), num(run.sustained(), "%,.0f"),
                                num(run.sustained() / rate, "%.2f"), num(run.rampSeconds(), "%.1f s"),
                                run.limitedEarly(), mode.equals("auto") ? run.cuts() : "-"));
                    }
                }
            }
        }
        summary(all);
        if (!capacity.isEmpty()) {
            line("");
            line(capacity);
        }
        Path results = work.resolve("results.md");
        Files.write(results, report);
        log("results in " + results);
    }

    /**
     * What the client and simulator manage on this machine without a server limit (and without a client one): one
     * warm-up and one measured plan at {@code requestsPerSecond: 100000}; the ceiling of any sustained rate here.
     */
    private String capacity(Path state, Path desired) throws Exception {
        try (Sim sim = new Sim(state, 0)) {
            Path unlimited = settings(sim, 0, "unlimited",
                    "requestsPerSecond: " + UNBOUNDED + "; maxRequestsPerSecond: " + UNBOUNDED);
            sim.measure(unlimited, desired, 0, "capacity-warm-up", 0);
            Run run = sim.measure(unlimited, desired, 0, "capacity", 1);
            return String.format(Locale.ROOT, "Capacity of client and simulator here, no limit on either side (one"
                    + " plan after a warm-up): %,d calls in %.1f s, %,.0f calls/s (sustained %s/s).", run.calls(),
                    run.spanSeconds(), run.wholeRunRate(), num(run.sustained(), "%,.0f"));
        }
    }

    private void summary(List<Run> all) {
        line("");
        line("Medians of the alternated runs (min to max):");
        line("");
        line("| R | settings | runs | wall | calls | 429 share | failed groups | rate | sustained | sustained / R |"
                + " ramp | auto / fixed (sustained; wall) |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (double rate : all.stream().map(Run::rate).distinct().toList()) {
            List<Run> auto = all.stream().filter(x -> x.rate() == rate && x.mode().equals("auto")).toList();
            List<Run> fixed = all.stream().filter(x -> x.rate() == rate && x.mode().equals("fixed")).toList();
            for (List<Run> runs : List.of(auto, fixed)) {
                String ratio = runs == auto
                        ? num(median(auto, Run::sustained) / median(fixed, Run::sustained), "%.2f") + "; "
                                + num(median(auto, Run::wallSeconds) / median(fixed, Run::wallSeconds), "%.2f")
                        : "";
                line(String.format(Locale.ROOT, "| %s | %s | %d | %s s | %s | %s %% | %d | %s/s | %s/s | %s | %s"
                        + " | %s |", fmt(rate), runs.get(0).mode(), runs.size(), spread(runs, Run::wallSeconds, "%.1f"),
                        spread(runs, x -> x.calls(), "%,.0f"), spread(runs, x -> 100 * x.limitedShare(), "%.2f"),
                        runs.stream().mapToInt(Run::failedGroups).sum(), spread(runs, Run::wholeRunRate, "%,.0f"),
                        spread(runs, Run::sustained, "%,.0f"), num(median(runs, Run::sustained) / rate, "%.2f"),
                        spread(runs, Run::rampSeconds, "%.1f s"), ratio));
            }
        }
    }

    /** The median and (with more than one run) its spread, min to max; runs without the figure left out. */
    private static String spread(List<Run> runs, ToDoubleFunction<Run> f, String format) {
        double[] v = runs.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).sorted().toArray();
        String median = num(median(runs, f), format);
        return v.length <= 1 ? median : median + " (" + num(v[0], format) + "–" + num(v[v.length - 1], format) + ")";
    }

    /** The median of the runs that have the figure; NaN when none has. */
    private static double median(List<Run> runs, ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** "-" for a figure a run has not got (too short for a sustained rate, or never at 0.9 R). */
    private static String num(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    /** A settings file for {@code mode}: the simulator's URL, the concurrency, and {@code apiLines}. */
    private Path settings(Sim sim, double rate, String mode, String apiLines) throws IOException {
        StringBuilder yaml = new StringBuilder("api:\n  baseUrl: " + sim.base + "\n  token: ${SINCH_API_TOKEN}\n"
                + "  maxConcurrency: " + opts.get("--concurrency") + "\n  runTimeout: 30m\n");
        for (String pair : apiLines.split(";")) {
            if (!pair.isBlank()) {
                yaml.append("  ").append(pair.trim()).append('\n');
            }
        }
        Path file = work.resolve("settings-" + mode + "-" + fmt(rate) + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private void line(String s) {
        report.add(s);
        System.out.println(s);
    }

    private static void log(String s) {
        System.err.println("[rate] " + s);
    }

    /** A rate-limited simulator in its own JVM, stopped on close. */
    private final class Sim implements AutoCloseable {
        private final SimulatorProcess process;
        private final URI base;

        Sim(Path state, double rate) throws Exception {
            List<String> limit = rate > 0
                    ? List.of("--rate-limit", fmt(rate), "--rate-limit-by", opts.get("--rate-limit-by")) : List.of();
            process = new SimulatorProcess(java, classpath, state, Long.parseLong(opts.get("--latency")),
                    work.resolve("simulator-" + fmt(rate) + ".log"), limit);
            base = process.base();
            log("simulator on " + base + (rate > 0 ? ", rate limit " + fmt(rate) + "/s" : ", no rate limit"));
        }

        JsonNode stats() throws IOException, InterruptedException {
            return process.stats();
        }

        void resetStats() throws IOException, InterruptedException {
            process.resetStats();
        }

        /** One {@code roster plan} in a fresh JVM, and its figures from the simulator's stats. */
        Run measure(Path settings, Path desired, double rate, String mode, int index) throws Exception {
            resetStats();
            String name = "run-" + fmt(rate) + "-" + mode + "-" + index;
            Path out = work.resolve(name + ".plan.json");
            List<String> command = new ArrayList<>();
            int nice = Integer.parseInt(opts.get("--client-nice"));
            if (nice != 0) {
                command.addAll(List.of("nice", "-n", String.valueOf(nice)));
            }
            command.addAll(List.of(java, "-Xmx512m", "@config/jvm.options",
                    "-Dlogback.configurationFile=" + logConfig(), "-cp", classpath, "dev.roster.cli.Main",
                    "plan", "--config", settings.toString(), "--format", "json", desired.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(work.resolve(name + ".log").toFile());
            builder.environment().put("SINCH_API_TOKEN", TOKEN);
            long t0 = System.nanoTime();
            Process plan = builder.start();
            if (!plan.waitFor(30, TimeUnit.MINUTES)) {
                plan.destroyForcibly();
                throw new IllegalStateException(name + " did not end in 30 minutes");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            JsonNode stats = stats();
            Files.writeString(work.resolve(name + ".stats.json"), stats.toPrettyString());
            int failed = failedGroups(out, plan.exitValue(), name);
            Run run = figures(stats, rate, mode, index, wall, failed,
                    Cuts.of(work.resolve(name + ".log"), stats.path("first_request_ms").asLong()));
            log(name + ": " + run);
            return run;
        }

        /**
         * A logback configuration as roster's own (warnings to stderr), but with the {@code auto} controller's cuts
         * ({@code AdaptiveLimits} at debug); it also keeps the test classes' logback-test.xml, on the benchmark's
         * class path, from taking over.
         */
        private Path logConfig() throws IOException {
            Path file = work.resolve("logback-client.xml");
            Files.writeString(file, """
                    <configuration>
                      <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
                      <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="dev.roster.api.AdaptiveLimits" level="DEBUG"/>
                      <root level="WARN"><appender-ref ref="STDERR"/></root>
                    </configuration>
                    """);
            return file;
        }

        private int failedGroups(Path out, int exit, String name) throws IOException {
            JsonNode plan;
            try {
                plan = JSON.readTree(out.toFile());
            } catch (IOException e) {
                plan = null;
            }
            if (plan == null || !plan.has("problems")) {
                throw new IllegalStateException(name + " exited " + exit + " without a plan; see "
                        + work.resolve(name + ".log"));
            }
            if (!plan.path("changes").isEmpty()) {
                throw new IllegalStateException(name + ": the converged fleet has changes: " + out);
            }
            if (exit != 0 && plan.path("problems").isEmpty()) {
                throw new IllegalStateException(name + " exited " + exit + "; see " + work.resolve(name + ".log"));
            }
            return plan.path("problems").size();
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** The run's figures from the simulator's stats (see the class comment). */
    static Run figures(JsonNode stats, double rate, String mode, int index, double wall, int failed, Cuts cuts) {
        long calls = stats.path("total_requests").asLong();
        long limited = stats.path("rate_limited").asLong();
        long first = stats.path("first_request_ms").asLong();
        long last = stats.path("last_request_ms").asLong();
        double span = Math.max(1, last - first) / 1000.0;
        Map<Long, long[]> seconds = new LinkedHashMap<>(); // second → {requests, rate limited}
        long early = 0;
        for (JsonNode s : stats.path("per_second")) {
            long second = s.path("second").asLong();
            seconds.put(second, new long[] {s.path("requests").asLong(), s.path("rate_limited").asLong()});
            if (second * 1000 < first + SKIPPED_MILLIS) {
                early += s.path("rate_limited").asLong();
            }
        }
        // whole seconds only, and those without a request (a pause) as 0
        long sustainedCalls = 0;
        int sustainedSeconds = 0;
        double ramp = Double.NaN;
        for (long second = Math.floorDiv(first, 1000) + 1; (second + 1) * 1000 <= last; second++) {
            long[] counts = seconds.getOrDefault(second, new long[2]);
            long answered = counts[0] - counts[1];
            if (Double.isNaN(ramp) && answered >= RAMPED * rate) {
                ramp = ((second + 1) * 1000 - first) / 1000.0;
            }
            if (second * 1000 >= first + SKIPPED_MILLIS) {
                sustainedCalls += answered;
                sustainedSeconds++;
            }
        }
        double sustained = sustainedSeconds == 0 ? Double.NaN : (double) sustainedCalls / sustainedSeconds;
        return new Run(rate, mode, index, wall, span, calls, limited, failed, (calls - limited) / span, sustained,
                ramp, early, cuts);
    }
}
