package dev.roster.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long run of {@code roster daemon} under load, to show what grows: the simulator in its own JVM ({@link
 * SimulatorProcess}, {@code --latency} per call) holding a converged {@link Fleet}, and {@code roster daemon} in its
 * own JVM as a user starts it (the CLI's main class, local YAML files, a settings file with the schedule every
 * {@code --interval}, {@code api.requestsPerSecond: 100000}, {@code api.maxConcurrency: 64}, the group event
 * callbacks on {@code /hooks/sinch}).
 *
 * <p>Events: {@code --events-per-second} times a second an undeclared person joins a group (the simulator's {@code
 * POST /_sim/{bot}/groups/{id}/join}, group after group), which the simulator reports to the daemon as a {@code
 * group_user_joined} callback; the daemon's run of that group removes the person again, so every event makes a
 * write and the state stays converged.
 *
 * <p>Every minute, 3 seconds before a tick of the schedule, the daemon is sampled: the heap its objects take
 * after a full GC (the total of {@code jcmd GC.class_histogram}, whose top 40 classes are kept in {@code
 * WORK/histogram-MM.txt}), the heap committed ({@code jcmd GC.heap_info}), its threads and RSS ({@code /proc/PID/status}), its
 * open file descriptors ({@code /proc/PID/fd}), and its runs ({@code /metrics}). Full runs (scope "all") and their durations are taken from {@code /ui/runs},
 * polled every 5 seconds. Whole class histograms and thread dumps are written at minutes 10 and 30 and at the end. Prints a
 * table per minute and a summary, and writes both to {@code WORK/results.md}.
 *
 * <p>Usage: {@code Soak [--minutes 60] [--groups 10000] [--participants 8] [--interval 30s]
 * [--events-per-second 10] [--latency 50] [--heap 512m] [--work target/bench-soak]}.
 */
public final class Soak {
    private static final String HOOK_SECRET = "soak-hook-secret-0123456789";
    private static final String HOOK_SECRET_VARIABLE = "SOAK_HOOK_SECRET";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern METRIC = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Pattern RUN_ROW = Pattern.compile("<time datetime=\"([^\"]+)\">[^<]*</time></td><td>"
            + "([^<]+)</td><td>([^<]*)</td><td><span class=\"badge[^\"]*\">([^<]+)</span>");

    private final Path work;
    private final List<String> report = new ArrayList<>();
    /** Full runs seen on /ui/runs that started after the first one finished: start time to [duration ms, result]. */
    private final Map<String, String[]> fullRuns = new ConcurrentHashMap<>();
    /** The first full run: [start time, duration ms, result]. */
    private volatile String[] firstRun;
    /** When the first run had finished and the soak began. */
    private volatile Instant soakStart = Instant.MAX;
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong eventsFailed = new AtomicLong();

    private Soak(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("--minutes", "60");
        opts.put("--groups", "10000");
        opts.put("--participants", "8");
        opts.put("--interval", "30s");
        opts.put("--events-per-second", "10");
        opts.put("--latency", "50");
        opts.put("--heap", "512m");
        opts.put("--work", "target/bench-soak");
        opts = BenchOptions.parse(opts, args);
        String interval = opts.get("--interval");
        int seconds = interval.matches("\\d{1,2}s") ? Integer.parseInt(interval.replace("s", "")) : 0;
        if (seconds < 4 || 60 % seconds != 0) {
            throw new IllegalArgumentException("--interval is whole seconds that divide a minute, at least 4s, e.g."
                    + " 30s; got " + interval);
        }
        new Soak(Path.of(opts.get("--work")).toAbsolutePath()).run(Integer.parseInt(opts.get("--minutes")),
                Integer.parseInt(opts.get("--groups")), Integer.parseInt(opts.get("--participants")),
                seconds,
                Double.parseDouble(opts.get("--events-per-second")), Long.parseLong(opts.get("--latency")),
                opts.get("--heap"), String.join(" ", args));
    }

    private void run(int minutes, int groups, int participants, int intervalSeconds, double eventsPerSecond,
            long latency, String heap, String arguments) throws Exception {
        DesiredFiles.delete(Files.createDirectories(work));
        Files.createDirectories(work);
        Fleet fleet = new Fleet(groups);
        Path desired = work.resolve("groups");
        DesiredFiles.write(desired, groups, participants - 1);
        Path state = work.resolve("state.json");
        SimStateFile.write(state, fleet, participants - 1);
        int daemonPort = SimulatorProcess.freePort();
        String callback = "http://127.0.0.1:" + daemonPort + "/hooks/sinch?secret=" + HOOK_SECRET;
        log("seeded " + groups + " groups × " + participants + " participants (the bot included)");
        try (SimulatorProcess sim = new SimulatorProcess(SimulatorProcess.java(),
                System.getProperty("java.class.path"), state, latency, work.resolve("simulator.log"),
                List.of("--callback-url", callback))) {
            Path settings = work.resolve("roster.yaml");
            Files.writeString(settings, "api:\n  baseUrl: " + sim.base() + "\n  token: ${SOAK_TOKEN}\n"
                    + "  requestsPerSecond: 100000\n  maxConcurrency: 64\n"
                    + "audit:\n  file: " + work.resolve("audit.jsonl") + "\n"
                    + "lock:\n  dir: " + work.resolve("locks") + "\n"
                    + "daemon:\n  schedule: \"*/" + intervalSeconds + " * * * * ?\"\n"
                    + "  hooks:\n    sinchSecret: ${" + HOOK_SECRET_VARIABLE + "}\n");
            List<String> command = List.of(SimulatorProcess.java(), "-Xmx" + heap, "-cp",
                    System.getProperty("java.class.path"), "dev.roster.cli.Main", "daemon", "--config",
                    settings.toString(), "--http-port", String.valueOf(daemonPort), "--git-dir",
                    work.resolve("git").toString(), desired.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("daemon.log").toFile());
            builder.environment().put("SOAK_TOKEN", SimulatorProcess.TOKEN);
            builder.environment().put(HOOK_SECRET_VARIABLE, HOOK_SECRET);
            Process daemon = builder.start();
            try {
                soak(sim, daemon, URI.create("http://127.0.0.1:" + daemonPort), fleet, minutes, intervalSeconds,
                        eventsPerSecond, latency, heap, arguments);
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            }
        }
    }

    private void soak(SimulatorProcess sim, Process daemon, URI base, Fleet fleet, int minutes, int intervalSeconds,
            double eventsPerSecond, long latency, String heap, String arguments) throws Exception {
        long pid = daemon.pid();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runsSoFar(base) < 1) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the daemon did not finish a first run; see "
                        + work.resolve("daemon.log"));
            }
            Thread.sleep(1000);
        }
        log("daemon pid " + pid + " on " + base + " finished its first run; soaking for " + minutes + " minutes");
        pollRuns(base);
        soakStart = Instant.now();
        sim.resetStats();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        AtomicLong next = new AtomicLong();
        long periodMicros = Math.round(1_000_000 / eventsPerSecond);
        timers.scheduleAtFixedRate(() -> event(sim.base(), fleet, next.getAndIncrement()), 0, periodMicros,
                TimeUnit.MICROSECONDS);
        timers.scheduleWithFixedDelay(() -> pollRuns(base), 0, 5, TimeUnit.SECONDS);
        List<Sample> samples = new ArrayList<>();
        // each sample 3 s before a tick of the schedule (at whole multiples of the interval, as the cron fires), when
        // the full run before it is over: a full GC in the middle of one would count its working set as kept
        long intervalMillis = intervalSeconds * 1000L;
        long nowMillis = System.currentTimeMillis();
        long phase = Math.floorMod(intervalMillis - 3000 - nowMillis % intervalMillis, intervalMillis);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(phase);
        try {
            for (int minute = 1; minute <= minutes; minute++) {
                long wake = start + TimeUnit.MINUTES.toNanos(minute);
                while (System.nanoTime() < wake) {
                    if (!daemon.isAlive()) {
                        throw new IllegalStateException("the daemon exited; see " + work.resolve("daemon.log"));
                    }
                    Thread.sleep(Math.min(1000, Math.max(1, (wake - System.nanoTime()) / 1_000_000)));
                }
                Sample s = sample(pid, base, minute);
                samples.add(s);
                log(s.row());
                if (minute == Math.min(10, minutes) || minute == 30 && minutes > 30) {
                    dumps(pid, "minute-" + minute);
                }
            }
            dumps(pid, "end");
        } finally {
            timers.shutdownNow();
        }
        pollRuns(base);
        summary(samples, sim, minutes, fleet, intervalSeconds, eventsPerSecond, latency, heap, arguments);
    }

    /** The daemon's runs so far; 0 while it does not answer yet. */
    private static double runsSoFar(URI base) throws InterruptedException {
        try {
            return sum(metrics(base), "roster_runs_total", "");
        } catch (IOException notYet) {
            return 0;
        }
    }

    /** One undeclared person joins group {@code n mod groups}; the simulator sends the callback. */
    private void event(URI sim, Fleet fleet, long n) {
        int group = (int) (n % fleet.groups());
        int who = (int) (n / fleet.groups() % Fleet.EXTRA_MEMBERS);
        String path = "/_sim/" + Fleet.BOT.value() + "/groups/"
                + URLEncoder.encode(fleet.id(group).value(), StandardCharsets.UTF_8) + "/join";
        String body = "{\"numbers\":[\"" + Fleet.stranger(group, who).e164() + "\"]}";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(sim.resolve(path))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IOException(r.statusCode() + ": " + r.body());
            }
            eventsSent.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            if (eventsFailed.incrementAndGet() <= 5) {
                log("event " + n + " failed: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records the full runs (scope "all") on /ui/runs: the page holds the last 50 runs. */
    private void pollRuns(URI base) {
        try {
            String page = get(base.resolve("/ui/runs"));
            Matcher m = RUN_ROW.matcher(page);
            while (m.find()) {
                if (!m.group(3).equals("all")) {
                    continue;
                }
                String[] run = {String.valueOf(millis(m.group(2))), m.group(4)};
                if (Instant.parse(m.group(1)).isBefore(soakStart)) {
                    if (firstRun == null || m.group(1).compareTo(firstRun[0]) < 0) {
                        firstRun = new String[] {m.group(1), run[0], run[1]};
                    }
                } else {
                    fullRuns.put(m.group(1), run);
                }
            }
        } catch (IOException | RuntimeException e) {
            log("/ui/runs: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long millis(String duration) {
        return duration.endsWith(" ms") ? Long.parseLong(duration.substring(0, duration.length() - 3))
                : Math.round(Double.parseDouble(duration.substring(0, duration.length() - 2)) * 1000);
    }

    private record Sample(int minute, String load, double heapMib, double heapCommittedMib, long threads, long fds, double rssMib,
            long runs, Map<String, Long> results, long durationCount, double durationSum, double durationMax,
            long timeouts, long eventsAccepted, long eventsSent, long changes, int fullRuns, long fullMaxMs) {
        /** The row with the full runs so far. */
        String row() {
            return row(fullRuns, fullMaxMs);
        }

        String row(int fullRunCount, long fullRunMaxMs) {
            return String.format(Locale.ROOT, "| %d | %s | %.1f | %.0f | %d | %d | %.0f | %d | %s | %d | %d | %.0f | %.2f"
                    + " | %d | %d | %d | %d |", minute, load, heapMib, heapCommittedMib, threads, fds, rssMib, runs,
                    results, fullRunCount, fullRunMaxMs, durationSum / Math.max(1, durationCount) * 1000, durationMax,
                    timeouts, eventsSent, eventsAccepted, changes);
        }
    }

    private Sample sample(long pid, URI base, int minute) throws Exception {
        // the histogram's total is what its own full GC kept, counted at the same safepoint: a GC.run then a
        // GC.heap_info would add what the runs allocated in between (jcmd takes a second or more to start)
        String histogram = jcmd(pid, "GC.class_histogram");
        Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no total in the class histogram: " + histogram.lines().limit(5).toList());
        }
        Files.write(work.resolve(String.format(Locale.ROOT, "histogram-%02d.txt", minute)),
                histogram.lines().limit(43).toList());
        String heapInfo = jcmd(pid, "GC.heap_info");
        Matcher h = HEAP_USED.matcher(heapInfo);
        if (!h.find()) {
            throw new IllegalStateException("no heap figures in: " + heapInfo);
        }
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        long fds;
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = list.count();
        }
        Map<String, Double> m = metrics(base);
        Map<String, Long> results = new java.util.TreeMap<>();
        for (var e : m.entrySet()) {
            Matcher r = Pattern.compile("^roster_runs_total\\{.*result=\"([a-z]+)\".*").matcher(e.getKey());
            if (r.matches()) {
                results.merge(r.group(1), e.getValue().longValue(), Long::sum);
            }
        }
        List<String[]> full = new ArrayList<>(fullRuns.values());
        long fullMax = full.stream().mapToLong(f -> Long.parseLong(f[0])).max().orElse(0);
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        return new Sample(minute, load, Long.parseLong(total.group(1)) / (1024.0 * 1024),
                Long.parseLong(h.group(1)) / 1024.0,
                procField(status, "Threads:"), fds, procField(status, "VmRSS:") / 1024.0,
                (long) sum(m, "roster_runs_total", ""), results,
                (long) sum(m, "roster_run_duration_seconds_count", ""), sum(m, "roster_run_duration_seconds_sum", ""),
                max(m, "roster_run_duration_seconds_max"), (long) sum(m, "roster_run_timeouts_total", ""),
                (long) sum(m, "roster_events_total", "result=\"accepted\""), eventsSent.get(),
                (long) sum(m, "roster_changes_applied_total", ""), full.size(), fullMax);
    }

    private void summary(List<Sample> samples, SimulatorProcess sim, int minutes, Fleet fleet, int intervalSeconds,
            double eventsPerSecond, long latency, String heap, String arguments) throws Exception {
        line("Soak: " + fleet.groups() + " groups × " + (fleet.members(0).size() + Fleet.ADMINS + 1)
                + " participants (the bot included), full run every " + intervalSeconds + " s, "
                + eventsPerSecond + " events/s, simulator latency " + latency + " ms, daemon -Xmx" + heap
                + ", " + minutes + " minutes. Arguments: " + arguments);
        line("");
        line("| minute | load (1 min) | heap after full GC (MiB) | heap committed (MiB) | threads | fds | RSS (MiB) | runs | by result"
                + " | full runs started | longest of them (ms) | mean run (ms) | max run, last ~2 min (s) | timeouts"
                + " | events sent | events accepted | changes applied |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Sample s : samples) {
            List<Long> inMinute = new ArrayList<>();
            fullRuns.forEach((started, run) -> {
                long minute = Duration.between(soakStart, Instant.parse(started)).toMinutes() + 1;
                if (minute == s.minute()) {
                    inMinute.add(Long.parseLong(run[0]));
                }
            });
            line(s.row(inMinute.size(), inMinute.stream().mapToLong(Long::longValue).max().orElse(0)));
        }
        line("");
        int from = Math.min(10, samples.size());
        List<Sample> steady = samples.subList(from - 1, samples.size());
        Sample first = steady.get(0);
        Sample last = samples.get(samples.size() - 1);
        line(String.format(Locale.ROOT, "Heap after full GC, minute %d → %d: %.1f → %.1f MiB (%+.1f %%); min %.1f,"
                + " max %.1f MiB from minute %d.", first.minute(), last.minute(), first.heapMib(), last.heapMib(),
                (last.heapMib() / first.heapMib() - 1) * 100, steady.stream().mapToDouble(Sample::heapMib).min()
                        .orElse(0), steady.stream().mapToDouble(Sample::heapMib).max().orElse(0), first.minute()));
        if (steady.size() >= 10) {
            double early = median(steady.subList(0, 5));
            double late = median(steady.subList(steady.size() - 5, steady.size()));
            line(String.format(Locale.ROOT, "Median heap after full GC of minutes %d-%d → of minutes %d-%d: %.1f →"
                    + " %.1f MiB (%+.1f %%).", first.minute(), first.minute() + 4, last.minute() - 4, last.minute(),
                    early, late, (late / early - 1) * 100));
        }
        line(String.format(Locale.ROOT, "Threads from minute %d: min %d, max %d. Open fds: min %d, max %d. RSS:"
                + " %.0f → %.0f MiB.", first.minute(), steady.stream().mapToLong(Sample::threads).min().orElse(0),
                steady.stream().mapToLong(Sample::threads).max().orElse(0),
                steady.stream().mapToLong(Sample::fds).min().orElse(0),
                steady.stream().mapToLong(Sample::fds).max().orElse(0), first.rssMib(), last.rssMib()));
        List<Long> fullDurations = new ArrayList<>();
        Map<String, Integer> fullResults = new HashMap<>();
        for (String[] f : fullRuns.values()) {
            fullDurations.add(Long.parseLong(f[0]));
            fullResults.merge(f[1], 1, Integer::sum);
        }
        Collections.sort(fullDurations);
        // Micrometer's max covers about two minutes: from minute 3 on, the first run (the start) is out of it
        double maxRun = samples.stream().filter(s -> s.minute() >= Math.min(3, samples.size()))
                .mapToDouble(Sample::durationMax).max().orElse(0);
        if (firstRun != null) {
            line("The first full run (at the daemon's start, before the soak): " + firstRun[1] + " ms, "
                    + firstRun[2] + ".");
        }
        line(String.format(Locale.ROOT, "Runs: %d (%s), of which %d full runs seen on /ui/runs (%s; expected about"
                + " %d): duration median %d ms, max %d ms; the longest run of any scope from minute 3 %.2f s; deadline:"
                + " api.runTimeout 10 min, and the schedule interval %d s; runs stopped by the deadline: %d.",
                last.runs(), last.results(), fullDurations.size(), fullResults, minutes * 60 / intervalSeconds,
                fullDurations.isEmpty() ? 0 : fullDurations.get(fullDurations.size() / 2),
                fullDurations.isEmpty() ? 0 : fullDurations.get(fullDurations.size() - 1), maxRun, intervalSeconds,
                last.timeouts()));
        var stats = sim.stats();
        line(String.format(Locale.ROOT, "Events: %d sent (%d failed to send), %d accepted by the daemon; %d runs"
                + " besides the full ones; %d changes applied; simulator writes since the first run: %d.",
                eventsSent.get(), eventsFailed.get(), last.eventsAccepted(), last.runs() - fullDurations.size() - (firstRun == null ? 0 : 1),
                last.changes(), stats.path("writes").asLong()));
        Files.write(work.resolve("results.md"), report);
        log("results in " + work.resolve("results.md"));
    }

    private static double median(List<Sample> samples) {
        double[] heap = samples.stream().mapToDouble(Sample::heapMib).sorted().toArray();
        return heap.length % 2 == 1 ? heap[heap.length / 2] : (heap[heap.length / 2 - 1] + heap[heap.length / 2]) / 2;
    }

    private void dumps(long pid, String when) {
        try {
            Files.writeString(work.resolve("histogram-" + when + ".txt"), jcmd(pid, "GC.class_histogram"));
            Files.writeString(work.resolve("threads-" + when + ".txt"), jcmd(pid, "Thread.print"));
        } catch (Exception e) {
            log("dumps at " + when + ": " + e);
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static long procField(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc status");
    }

    private static Map<String, Double> metrics(URI base) throws IOException, InterruptedException {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String line : get(base.resolve("/metrics")).split("\n")) {
            Matcher x = METRIC.matcher(line);
            if (!line.startsWith("#") && x.matches()) {
                m.put(x.group(1) + (x.group(2) == null ? "" : x.group(2)), Double.parseDouble(x.group(3)));
            }
        }
        return m;
    }

    /** The sum of the series of {@code name} whose labels contain {@code labels}. */
    private static double sum(Map<String, Double> metrics, String name, String labels) {
        return metrics.entrySet().stream().filter(e -> series(e.getKey(), name) && e.getKey().contains(labels))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static double max(Map<String, Double> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> series(e.getKey(), name)).mapToDouble(Map.Entry::getValue)
                .max().orElse(0);
    }

    private static boolean series(String key, String name) {
        return key.equals(name) || key.startsWith(name + "{");
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode());
        }
        return r.body();
    }

    private void line(String s) {
        report.add(s);
        System.out.println(s);
    }

    private static void log(String s) {
        System.err.println("[soak " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "] " + s);
    }
}
