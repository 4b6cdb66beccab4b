package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.AutoComplete;

/** The bash completion script that the build writes to target/roster_completion, sourced in a real bash. */
class ShellCompletionTest {

    @TempDir
    Path dir;

    private String complete(String... words) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
        Path script = dir.resolve("roster_completion");
        Files.writeString(script, AutoComplete.bash("roster", Main.commandLine()));
        String line = String.join(" ", words);
        String probe = "source " + script + "\n"
                + "COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + line + "';"
                + " COMP_POINT=${#COMP_LINE}\n"
                + "_complete_roster\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("/bin/bash", "-c", probe)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void completesCommandNames() throws Exception {
        assertThat(complete("roster", "pl").lines()).containsExactly("plan");
    }

    @Test
    void completesTheOptionsOfACommand() throws Exception {
        assertThat(complete("roster", "plan", "--det").lines()).containsExactly("--detailed-exitcode");
    }
}
