package dev.roster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a plan of a small fleet costs beyond loading its files: wall times of whole {@code ./roster validate} and
 * {@code ./roster plan} commands (JVM start, settings and YAML files loaded alike), alternated, against a simulator
 * in its own JVM ({@link SimulatorProcess}) with a fixed latency. The difference of the two is what the plan adds:
 * building the client, the reads and planning. It is compared with the latency bound of the reads,
 * {@code (1 + ceil(groups / concurrency)) × latency} (one list, then rounds of {@code concurrency} gets); issue 18
 * asks for at most 1.25× of it.
 *
 * <p>The desired state is {@link DesiredFiles}' YAML of a converged {@link Fleet} (255 declared numbers per group);
 * the settings file sets {@code api.maxConcurrency} and switches the client-side rate limit off
 * ({@code api.requestsPerSecond: 100000}), so that the bound is the latency's. Each launcher (by default the
 * repository's {@code ./roster}, which maps its class-data archive and uses {@code config/jvm.options}) first runs
 * one unmeasured validate and plan ({@code --warmup}; they write the archive after a build and warm the simulator); then each
 * round runs validate and plan of every launcher in turn. A plan must exit 0 with {@code --detailed-exitcode} (no
 * changes) after exactly one list and one get per group. As in {@link EndToEnd}, the commands run at a lower CPU
 * priority than the simulator ({@code nice -n 10}), which stands in for a remote API.
 *
 * <p>Usage: {@code SmallFleet [--groups 400] [--latency 100] [--concurrency 32] [--runs 7]
 * [--work target/bench-smallfleet] [--client-nice 10] [--warmup 1] [--roster ./roster[,OTHER]]}: with several launchers
 * (another checkout's {@code roster}, or a script that sets {@code ROSTER_JAVA_OPTS} and runs one) the rounds
 * alternate between them, for a comparison under the same load. Writes {@code results.md} in the work folder.
 */
public final class SmallFleet {
    private static final Path TIME = Path.of("/usr/bin/time");

    private final String classpath = System.getProperty("java.class.path");
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Path work;
    private final int groups;
    private final long latency;
    private final int concurrency;
    private final int clientNice;
    private final List<String> report = new ArrayList<>();

    private SmallFleet(Path work, int groups, long latency, int concurrency, int clientNice) {
        this.work = work.toAbsolutePath();
        this.groups = groups;
        this.latency = latency;
        this.concurrency = concurrency;
        this.clientNice = clientNice;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("--groups", "400", "--latency", "100",
                "--concurrency", "32", "--runs", "7", "--work", "target/bench-smallfleet", "--client-nice", "10",
                "--roster", "./roster", "--warmup", "1"));
        opts = BenchOptions.parse(opts, args);
        List<Path> launchers = new ArrayList<>();
        for (String launcher : opts.get("--roster").split(",")) {
            launchers.add(Path.of(launcher).toAbsolutePath().normalize());
        }
        new SmallFleet(Path.of(opts.get("--work")), Integer.parseInt(opts.get("--groups")),
                Long.parseLong(opts.get("--latency")), Integer.parseInt(opts.get("--concurrency")),
                Integer.parseInt(opts.get("--client-nice")))
                .run(launchers, Integer.parseInt(opts.get("--warmup")), Integer.parseInt(opts.get("--runs")));
    }

    private void run(List<Path> launchers, int warmup, int runs) throws Exception {
        Files.createDirectories(work);
        Path desired = work.resolve("desired-" + groups);
        if (!Files.isDirectory(desired)) {
            DesiredFiles.write(desired, groups, Fleet.PARTICIPANTS - 1);
        }
        Path state = work.resolve("state-" + groups + ".json");
        if (!Files.exists(state)) {
            SimStateFile.write(state, new Fleet(groups), false);
        }
        long bound = (1 + (groups + concurrency - 1) / concurrency) * latency;
        try (SimulatorProcess sim = new SimulatorProcess(java, classpath, state, latency,
                work.resolve("simulator.log"))) {
            Path settings = work.resolve("roster.yaml");
            Files.writeString(settings, "api:\n  baseUrl: " + sim.base() + "\n  maxConcurrency: " + concurrency + "\n  requestsPerSecond: 100000\n");
            List<String> validate = List.of("validate", "--config", settings.toString(), desired.toString());
            List<String> plan = List.of("plan", "--detailed-exitcode", "--config", settings.toString(),
                    desired.toString());
            log("simulator on " + sim.base() + ", latency " + latency + " ms, " + groups + " groups; launchers "
                    + launchers);
            for (int r = 0; r < warmup; r++) {
                for (Path launcher : launchers) {
                    roster(launcher, validate);
                    roster(launcher, plan);
                }
            }
            List<List<long[]>> times = new ArrayList<>();
            launchers.forEach(l -> times.add(new ArrayList<>()));
            for (int r = 0; r < runs; r++) {
                for (int l = 0; l < launchers.size(); l++) {
                    Times v = roster(launchers.get(l), validate);
                    sim.resetStats();
                    Times p = roster(launchers.get(l), plan);
                    JsonNode stats = sim.stats();
                    String reads = SimulatorProcess.reads(stats);
                    if (!reads.equals("1 + " + groups) || stats.path("writes").asLong() != 0) {
                        throw new IllegalStateException("the plan did not read each group once: " + stats);
                    }
                    times.get(l).add(new long[] {v.wall(), p.wall(), p.wall() - v.wall(), v.cpu(), p.cpu(),
                        p.cpu() - v.cpu()});
                    log(String.format(Locale.ROOT, "round %d, %s: validate %,d ms (CPU %,d ms), plan %,d ms (CPU %,d ms), "
                            + "plan - validate %,d ms", r + 1, launchers.get(l), v.wall(), v.cpu(), p.wall(), p.cpu(),
                            p.wall() - v.wall()));
                }
            }
            line(String.format(Locale.ROOT, "%d groups × %d numbers, %d ms latency, concurrency %d, rate limit off; "
                    + "latency bound %,d ms; %d alternated rounds; wall and CPU (user + system) times of whole "
                    + "commands, median (min–max); commands at nice %d below the simulator.", groups, Fleet.PARTICIPANTS - 1, latency, concurrency,
                    bound, runs, clientNice));
            line("");
            line("| launcher | validate | plan | plan − validate | ÷ bound | CPU: validate | plan | plan − validate |");
            line("|---|---|---|---|---|---|---|---|");
            for (int l = 0; l < launchers.size(); l++) {
                List<long[]> t = times.get(l);
                line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f× | %s | %s | %s |", launchers.get(l),
                        spread(t, 0), spread(t, 1), spread(t, 2), median(t, 2) / (double) bound, spread(t, 3),
                        spread(t, 4), spread(t, 5)));
            }
        }
        Files.write(work.resolve("results.md"), report);
        log("results in " + work.resolve("results.md"));
    }

    /** Wall time and CPU time (user + system, -1 when unknown) of one command, in ms. */
    private record Times(long wall, long cpu) {}

    /**
     * Runs {@code launcher args} in the work folder: its standard error goes to {@code roster.log} there, the
     * simulator's token is in {@code SINCH_API_TOKEN}, and its CPU time is taken by {@code /usr/bin/time} when there
     * is one (CPU time varies less than wall time on a shared machine). Fails unless it exits 0.
     */
    private Times roster(Path launcher, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        if (clientNice != 0) {
            command.addAll(List.of("nice", "-n", String.valueOf(clientNice)));
        }
        Path cpuFile = work.resolve("cpu.txt");
        Files.deleteIfExists(cpuFile);
        if (Files.isExecutable(TIME)) {
            command.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
        }
        command.add(launcher.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("roster.log").toFile()));
        builder.environment().put("SINCH_API_TOKEN", SimulatorProcess.TOKEN);
        long t0 = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!exited || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " failed (" + (exited ? "exit " + process.exitValue()
                    : "timed out") + "); see " + work.resolve("roster.log"));
        }
        long cpu = -1;
        if (Files.exists(cpuFile)) {
            String[] userSystem = Files.readString(cpuFile).trim().split("\\s+");
            cpu = Math.round((Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1])) * 1000);
        }
        return new Times(ms, cpu);
    }

    private static String spread(List<long[]> times, int column) {
        long min = times.stream().mapToLong(t -> t[column]).min().orElseThrow();
        long max = times.stream().mapToLong(t -> t[column]).max().orElseThrow();
        return String.format(Locale.ROOT, "%,d ms (%,d–%,d)", median(times, column), min, max);
    }

    private static long median(List<long[]> times, int column) {
        List<Long> values = times.stream().map(t -> t[column]).sorted().toList();
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private void line(String s) {
        report.add(s);
        System.out.println(s);
    }

    private static void log(String s) {
        System.err.println("[smallfleet] " + s);
    }
}
