package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox is one place per folder of files, however the PATH is spelt; every example plans in it. */
class SandboxTest {

    @TempDir
    Path dir;

    private Path copyOf(Path example) throws IOException {
        Path copy = dir.resolve(example.getFileName().toString());
        try (Stream<Path> files = Files.walk(example)) {
            for (Path from : files.filter(p -> !p.toString().contains("/.roster")).toList()) {
                Path to = copy.resolve(example.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return copy;
    }

    @Test
    void aFolderAndAFileInItAreOneSandbox() throws IOException {
        Path quickstart = copyOf(Path.of("examples/quickstart"));

        CliRun applied = CliRun.of("apply", "--sandbox", quickstart.toString(), "--yes");
        CliRun planned = CliRun.of("plan", "--sandbox", quickstart.resolve("groups.yaml").toString(),
                "--detailed-exitcode");
        CliRun spelledOtherwise = CliRun.of("plan", "--sandbox",
                quickstart.resolve("../quickstart/./").toString(), "--detailed-exitcode");

        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        assertThat(planned.out()).contains("No changes.");
        assertThat(spelledOtherwise.exitCode()).as(spelledOtherwise.err()).isZero();
        assertThat(planned.err() + spelledOtherwise.err()).doesNotContain("new sandbox");
    }

    @Test
    void importInTheSandboxNeedsThePathThatPicksIt() {
        CliRun run = CliRun.of("import", "--sandbox", "--bot", "46700000001");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: --sandbox needs the PATH of the desired-state files");
    }

    @Test
    void importFromTheSandboxWritesTheSeededGroups() throws IOException {
        Path quickstart = copyOf(Path.of("examples/quickstart"));

        CliRun run = CliRun.of("import", "--sandbox", "--bot", "46700000001", quickstart.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("subject: \"Sales Team\"").contains("subject: \"Old Project\"");
    }

    /** Every example folder whose files declare a bot; the others (settings, workflows) are not desired state. */
    private static List<Path> desiredStateExamples() throws IOException {
        List<Path> examples = new ArrayList<>();
        try (Stream<Path> folders = Files.list(Path.of("examples"))) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.walk(folder)) {
                    boolean declaresABot = files.filter(p -> p.toString().endsWith(".yaml"))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .anyMatch(p -> {
                                try {
                                    return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("bot:"));
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
                    if (declaresABot) {
                        examples.add(folder);
                    }
                }
            }
        }
        return examples;
    }

    @Test
    void everyExampleOfDesiredStatePlansCleanlyInTheSandbox() throws IOException {
        List<Path> examples = desiredStateExamples();
        assertThat(examples).extracting(p -> p.getFileName().toString())
                .contains("quickstart", "multi-bot", "cloud-api");

        for (Path example : examples) {
            Path copy = copyOf(example);
            // an example with its own settings keeps its groups in groups/ (the settings file is not desired state)
            CliRun run = Files.exists(copy.resolve("roster.yaml"))
                    ? CliRun.of("plan", "--sandbox", "--config", copy.resolve("roster.yaml").toString(),
                            copy.resolve("groups").toString())
                    : CliRun.of("plan", "--sandbox", copy.toString());

            assertThat(run.exitCode()).as(example + ": " + run.out() + run.err()).isZero();
            assertThat(run.out()).as(example.toString()).doesNotContain("Problems");
        }
    }
}
