package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void validFilesExitZeroWithOneSummaryLine() {
        int code = run("validate", "examples/quickstart", "examples/multi-bot/support");
        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).isEqualTo("Valid: 2 bots, 6 groups, 14 numbers." + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void invalidFilesExitOneWithEveryErrorAndNoStackTrace() {
        int code = run("validate", "src/test/resources/bad/several-errors");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        String d = "src/test/resources/bad/several-errors/";
        assertThat(err.toString().lines()).containsExactly(
                d + "a.yaml:5:5: unknown key 'memebers' (did you mean 'members'?)",
                d + "a.yaml:7:14: subject must not be empty",
                d + "b.yaml:1:1: missing 'groups'",
                d + "b.yaml:2:1: unknown key 'group' (did you mean 'groups'?)");
    }

    @Test
    void theSettingsFileDecidesTheDefaultRegion() throws IOException {
        Path groups = write("g.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: A\n    members: [0732001122]\n");
        Path settings = write("roster.yaml", "numbers:\n  defaultRegion: SE\n");

        assertThat(run("validate", groups.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("'0732001122' is in local form");

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("validate", "--config", settings.toString(), groups.toString())).isEqualTo(0);
        assertThat(out.toString()).startsWith("Valid: 1 bot, 1 group, 1 number.");
    }

    @Test
    void theSettingsFileDecidesEachBotsProviderAndSoWhatItsGroupsMayDeclare() throws IOException {
        Path groups = write("g.yaml", "bot: \"106540352242922\"\ngroups:\n  a:\n    subject: A\n"
                + "    joinApproval: required\n    admins: [\"+46732001122\"]\n");
        Path settings = write("roster.yaml", "api:\n  bots: {\"106540352242922\": {provider: cloud}}\n");

        assertThat(run("validate", groups.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                groups + ":1:6: bot '106540352242922' is not a valid international phone number");

        err.getBuffer().setLength(0);
        assertThat(run("validate", "--config", settings.toString(), groups.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(groups + ":6:5: the Cloud API has no admins other than"
                + " the business; remove `admins` (declare these people under `members`)");
    }

    @Test
    void invalidSettingsAreReportedLikeInvalidFiles() throws IOException {
        Path settings = write("roster.yaml", "reconcile:\n  subjectMaxLenght: 30\n");
        assertThat(run("validate", "--config", settings.toString(), "examples/quickstart")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(settings
                + ":2:3: unknown key 'reconcile.subjectMaxLenght' (did you mean 'reconcile.subjectMaxLength'?)");
    }

    @Test
    void warningsGoToStandardErrorAndDoNotFailTheRun() throws IOException {
        Path empty = write("empty.yaml", "");
        assertThat(run("validate", empty.toString(), "examples/quickstart")).isEqualTo(0);
        assertThat(err.toString().strip()).isEqualTo(empty + ":1:1: warning: file is empty; it declares nothing");
        assertThat(out.toString()).startsWith("Valid: 1 bot, 3 groups");
    }

    @Test
    void aPlainHttpApiUrlToAnotherHostIsRefused() {
        assertThat(run("validate", "--api-url", "http://api.example.invalid", "examples/quickstart")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: --api-url: plain http to api.example.invalid would send the"
                + " token unencrypted; use https, or set api.allowInsecureHttp: true");
    }

    @Test
    void jsonFormatGivesTheDiagnosticsAsDataAndTheSameExitCode() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "bot: \"46700000001\"\ngroups:\n  a:\n    subject: A\n    membership: sometimes\n");

        assertThat(run("validate", "--format", "json", bad.toString())).isEqualTo(1);
        JsonNode invalid = new ObjectMapper().readTree(out.toString());
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(invalid.get("diagnostics")).hasSize(1);
        JsonNode d = invalid.get("diagnostics").get(0);
        assertThat(List.of(d.get("file").asText(), d.get("line").asInt(), d.get("column").asInt(),
                d.get("severity").asText(), d.get("message").asText()))
                .containsExactly(bad.toString(), 5, 17, "error", "membership must be exact or additive, not 'sometimes'");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonFormatOfValidFilesCountsThemAndListsWarnings() throws IOException {
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");

        assertThat(run("validate", "--format", "json", empty.toString(), "examples/quickstart")).isEqualTo(0);
        JsonNode valid = new ObjectMapper().readTree(out.toString());
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(List.of(valid.get("bots").asInt(), valid.get("groups").asInt(), valid.get("numbers").asInt()))
                .containsExactly(1, 3, 7);
        assertThat(valid.get("diagnostics").get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonFormatKeepsTheSettingsWarningsOnStandardError() throws IOException {
        Path settings = write("roster.yaml", "api:\n  token: literal-token-123\n");

        assertThat(run("validate", "--format", "json", "--config", settings.toString(), "examples/quickstart"))
                .isEqualTo(0);
        assertThat(err.toString()).contains("warning: api.token is written literally");
        assertThat(new ObjectMapper().readTree(out.toString()).get("valid").asBoolean()).isTrue();
    }

    @Test
    void validateNeedsAPath() {
        assertThat(run("validate")).isEqualTo(1);
        assertThat(err.toString()).contains("Missing required parameter");
    }

    @Test
    void schemaPrintsTheBundledJsonSchema() throws IOException {
        assertThat(run("schema")).isEqualTo(0);
        assertThat(out.toString()).isEqualTo(Files.readString(Path.of("src/main/resources/roster.schema.json")));
    }
}
