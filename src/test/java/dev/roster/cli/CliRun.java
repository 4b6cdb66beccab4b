package dev.roster.cli;

import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the roster command line in this JVM with captured output, as a user would type it. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Writes a settings file in {@code dir} that points roster at {@code simulator} with its development
     * token, plus any extra YAML lines (e.g. {@code "reconcile:\n  prune: true"}), and returns its path.
     */
    public static Path settingsFor(Simulator simulator, Path dir, String... extraYaml) throws IOException {
        StringBuilder yaml = new StringBuilder()
                .append("api:\n")
                .append("  baseUrl: ").append(simulator.baseUrl()).append('\n')
                .append("  token: ${ROSTER_TEST_TOKEN:-").append(SimulatorConfig.DEFAULT_TOKEN).append("}\n")
                .append("  retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms}\n")
                .append("audit:\n  file: ").append(dir.resolve("audit.jsonl")).append('\n');
        for (String extra : extraYaml) {
            yaml.append(extra).append('\n');
        }
        Path file = dir.resolve("roster-test.yaml");
        Files.writeString(file, yaml.toString());
        return file;
    }
}
