package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.ChildJvm;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7, hostile input through the command line: the bad-input corpus of issue 3 and generated hostile files
 * (YAML gadgets, billion laughs, nesting 10,000 deep, 10 MB, invalid UTF-8, NUL). {@code roster validate} and
 * {@code roster plan} each end in exit 1 with a located message (file:line:col) in bounded time, and the
 * simulator they would talk to receives no request. All hostile files at once are refused by a child JVM with
 * a 64 MB heap (bounded memory). A valid file with 10,000 groups validates.
 */
class HostileInputTest {
    static final Duration BOUND = Duration.ofSeconds(10);
    static final String LOCATED = "(?s).*\\.yaml:\\d+:\\d+: .*";
    static Simulator sim;
    static Path settings;
    @TempDir
    static Path shared;

    @BeforeAll
    static void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withBot(BotId.of("46700000001")));
        settings = Fixture.settings(shared, sim.baseUrl(), "${ROSTER_TEST_TOKEN:-roster-dev-token}", List.of());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void zeroCounters() {
        sim.state().stats().reset();
    }

    static Stream<Arguments> corpus() throws URISyntaxException, IOException {
        Path bad = Path.of(HostileInputTest.class.getResource("/bad").toURI());
        try (Stream<Path> dirs = Files.list(bad)) {
            return dirs.filter(Files::isDirectory).sorted()
                    .flatMap(d -> Stream.of(Arguments.of("validate", d), Arguments.of("plan", d))).toList().stream();
        }
    }

    static Stream<Arguments> generated() {
        return HostileInput.all().keySet().stream()
                .flatMap(name -> Stream.of(Arguments.of("validate", name), Arguments.of("plan", name)));
    }

    private static CliRun run(String command, Path path) {
        return assertTimeoutPreemptively(BOUND,
                () -> CliRun.of(command, path.toString(), "--config", settings.toString()));
    }

    private static void assertRefusedBeforeAnyApiCall(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).matches(LOCATED).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(sim.state().stats().totalRequests()).as("API requests").isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("corpus")
    void everyCorpusFileIsRefusedWithItsLocatedMessagesAndNoApiCall(String command, Path dir) throws IOException {
        CliRun run = run(command, dir);

        assertRefusedBeforeAnyApiCall(run);
        String relative = run.err().replace(dir + dir.getFileSystem().getSeparator(), "");
        assertThat(relative.lines()).containsAll(Files.readAllLines(dir.resolve("expected.txt")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("generated")
    void everyHostileFileIsRefusedWithALocatedMessageAndNoApiCall(String command, String name, @TempDir Path dir)
            throws IOException {
        Path file = HostileInput.write(dir, name, HostileInput.all().get(name));

        CliRun run = run(command, file);

        assertRefusedBeforeAnyApiCall(run);
        assertThat(run.err()).contains(file + ":");
    }

    @Test
    void allHostileFilesTogetherAreRefusedByAJvmWithA64MegabyteHeap(@TempDir Path dir) throws Exception {
        Path hostile = Files.createDirectory(dir.resolve("hostile"));
        HostileInput.all().forEach((name, content) -> {
            try {
                HostileInput.write(hostile, name, content);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Process child = ChildJvm.roster(List.of("-Xmx64m"), "validate", hostile.toString(), "--config",
                settings.toString()).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
        ChildJvm.awaitExit(child, 60);

        String err = Files.readString(dir.resolve("err"));
        assertThat(child.exitValue()).as(err).isEqualTo(1);
        assertThat(err).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        for (String name : HostileInput.all().keySet()) {
            assertThat(err).as(name).containsPattern(java.util.regex.Pattern.quote(hostile.resolve(name).toString())
                    + ":\\d+:\\d+: ");
        }
        assertThat(sim.state().stats().totalRequests()).isZero();
    }

    @Test
    void aValidFileWithTenThousandGroupsValidates(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, tenThousandGroups());

        long start = System.nanoTime();
        // a guard against a hang on a loaded machine, not a speed test
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("validate", file.toString(),
                "--config", settings.toString()));
        System.out.printf("10,000 groups validated in %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 bot, 10000 groups, 40000 numbers");
        assertThat(sim.state().stats().totalRequests()).isZero();
    }

    @Test
    void aDirectoryWithASymlinkLoopIsReadOnceInBoundedTime(@TempDir Path dir) throws IOException {
        Path desired = Files.createDirectory(dir.resolve("desired"));
        Files.writeString(desired.resolve("groups.yaml"), HostileInput.HEAD + "  a: {subject: A}\n");
        Path sub = Files.createDirectory(desired.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("up"), Path.of(".."));

        CliRun run = assertTimeoutPreemptively(BOUND, () -> CliRun.of("validate", desired.toString(), "--config",
                settings.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 bot, 1 group");
    }

    /**
     * Issue 13, finding 11: a FIFO given as a PATH, inside a folder of PATHs (named like a desired-state file),
     * as the settings file or as a saved plan is named for what it is, exit 1, and is never opened (opening a
     * FIFO for reading would block until someone writes to it; the time bound catches that).
     */
    @Test
    void aFifoGivenOrFoundInAFolderIsRefusedAsNotARegularFileWithoutBeingOpened(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("desired"));
        Files.writeString(folder.resolve("a.yaml"), HostileInput.HEAD + "  a: {subject: A}\n");
        Path inFolder = mkfifo(folder.resolve("groups.yaml"));
        Path given = mkfifo(dir.resolve("groups.yaml"));
        Path plan = mkfifo(dir.resolve("plan.json"));

        for (String command : List.of("validate", "plan")) {
            for (Path path : List.of(given, folder)) {
                CliRun run = assertTimeoutPreemptively(BOUND, () -> CliRun.of(command, path.toString(), "--config",
                        settings.toString()));

                Path fifo = path.equals(folder) ? inFolder : given;
                assertThat(run.exitCode()).as(command + " " + path).isEqualTo(1);
                assertThat(run.err()).as(command + " " + path)
                        .startsWith(fifo + ": not a regular file (a FIFO)").doesNotContain("Exception");
            }
        }
        CliRun asSettings = assertTimeoutPreemptively(BOUND, () -> CliRun.of("validate", folder.toString(),
                "--config", given.toString()));
        assertThat(asSettings.exitCode()).isEqualTo(1);
        assertThat(asSettings.err()).startsWith(given + ": not a regular file (a FIFO)");
        CliRun asPlan = assertTimeoutPreemptively(BOUND, () -> CliRun.of("apply", "--plan", plan.toString(),
                "--config", settings.toString(), "--yes"));
        assertThat(asPlan.exitCode()).isEqualTo(1);
        assertThat(asPlan.err().strip()).isEqualTo("error: " + plan + ": not a regular file (a FIFO)");
        assertThat(sim.state().stats().totalRequests()).isZero();
    }

    /** Makes a FIFO with the system's mkfifo; the test is skipped where there is none. */
    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
        } catch (IOException noMkfifo) {
            mkfifo = null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo != null, "mkfifo is available");
        assertThat(mkfifo.waitFor()).as("mkfifo " + path).isZero();
        return path;
    }

    /** As in {@code dev.roster.config.LargeFileTest}: 10,000 groups, each with an admin and three members. */
    static String tenThousandGroups() {
        StringBuilder yaml = new StringBuilder("bot: \"46700000001\"\ngroups:\n");
        for (int i = 0; i < 10_000; i++) {
            yaml.append("  group-").append(i).append(":\n")
                    .append("    subject: \"Team ").append(i).append("\"\n")
                    .append("    admins: [\"+46 70 1").append(String.format("%06d", i)).append("\"]\n")
                    .append("    members: [\"+4673").append(String.format("%07d", i)).append("\", \"+4673")
                    .append(String.format("%07d", i + 10_000)).append("\", \"+4673")
                    .append(String.format("%07d", i + 20_000)).append("\"]\n");
        }
        return yaml.toString();
    }
}
