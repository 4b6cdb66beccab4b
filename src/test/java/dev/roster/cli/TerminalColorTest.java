package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roster.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Colour on a real terminal (a pseudo-terminal made by script(1)), and none with --no-color. */
class TerminalColorTest {
    /** An ANSI "select graphic rendition" sequence: a colour or bold. (The progress bar's line clearing is not.) */
    private static final java.util.regex.Pattern SGR = java.util.regex.Pattern.compile("\u001b\\[[0-9;]*m");

    @TempDir
    Path dir;

    private String onATerminal(String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is not installed");
        Path quickstart = dir.resolve("quickstart");
        if (!Files.exists(quickstart)) {
            Files.createDirectories(quickstart);
            for (String name : List.of("groups.yaml", ".sandbox.yaml")) {
                Files.copy(Path.of("examples/quickstart").resolve(name), quickstart.resolve(name));
            }
        }
        List<String> roster = new ArrayList<>(ChildJvm.roster(List.of("-XX:TieredStopAtLevel=1"), args).command());
        roster.add(quickstart.toString());
        StringBuilder line = new StringBuilder();
        for (String word : roster) {
            line.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        ProcessBuilder script = new ProcessBuilder("/usr/bin/script", "-qec", line.toString(), "/dev/null")
                .redirectErrorStream(true);
        script.environment().remove("NO_COLOR");
        script.environment().put("TERM", "xterm");
        Process process = script.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void aTerminalGetsColourAndNoColorTakesItAway() throws Exception {
        String coloured = onATerminal("plan", "--sandbox");
        String plain = onATerminal("plan", "--sandbox", "--no-color");

        assertThat(coloured).contains("Plan: 1 to create");
        assertThat(SGR.matcher(coloured).find()).as("colour codes on a terminal").isTrue();
        assertThat(plain).contains("Plan: 1 to create");
        assertThat(SGR.matcher(plain).find()).as("colour codes with --no-color").isFalse();
    }
}
