package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

    /** The commit this checkout is at, read with JGit, as the build's plugin read it. */
    private static String headCommit() throws IOException {
        try (Git git = Git.open(Path.of("").toAbsolutePath().toFile())) {
            return git.getRepository().resolve("HEAD").getName();
        }
    }

    private static String pomVersion() throws IOException {
        String pom = java.nio.file.Files.readString(Path.of("pom.xml"));
        int artifact = pom.indexOf("<artifactId>roster</artifactId>");
        int start = pom.indexOf("<version>", artifact) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    @Test
    void versionFlagNamesThePomVersionAndTheCommitItWasBuiltFrom() throws IOException {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        var line = java.util.regex.Pattern.compile("roster (\\d+\\.\\d+\\.\\d+\\S*) \\(commit ([0-9a-f]{12})\\)\n")
                .matcher(run.out());
        assertThat(line.matches()).as(run.out()).isTrue();
        assertThat(line.group(1)).isEqualTo(pomVersion());
        assertThat(headCommit()).startsWith(line.group(2));
    }

    @Test
    void versionCommandPrintsTheSameLineAsTheFlag() {
        CliRun flag = CliRun.of("--version");
        CliRun command = CliRun.of("version");

        assertThat(command.exitCode()).isZero();
        assertThat(command.out()).isEqualTo(flag.out());
    }
}
