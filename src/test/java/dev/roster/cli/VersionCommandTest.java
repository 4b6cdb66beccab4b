package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

    /** Whether the commit that {@code abbrev} starts is HEAD of this checkout or one of its ancestors. */
    private static boolean inHistoryOfHead(String abbrev) throws IOException {
        try (Git git = Git.open(Path.of("").toAbsolutePath().toFile());
                RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId built = git.getRepository().resolve(abbrev);
            return built != null && walk.isMergedInto(walk.parseCommit(built),
                    walk.parseCommit(git.getRepository().resolve("HEAD")));
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
        assertThat(inHistoryOfHead(line.group(2))).as("commit %s is in the history of HEAD", line.group(2)).isTrue();
    }

    @Test
    void versionCommandPrintsTheSameLineAsTheFlag() {
        CliRun flag = CliRun.of("--version");
        CliRun command = CliRun.of("version");

        assertThat(command.exitCode()).isZero();
        assertThat(command.out()).isEqualTo(flag.out());
    }
}
