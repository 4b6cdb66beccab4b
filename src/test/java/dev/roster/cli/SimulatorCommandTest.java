package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.simulator.RateLimit;
import dev.roster.simulator.RateLimitScope;
import dev.roster.simulator.Simulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void rejectsARateOutsideZeroToOne() {
        Run run = run("simulator", "--fail-rate", "1.5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--fail-rate must be between 0 and 1, got 1.5").doesNotContain("\tat ");
    }

    @Test
    void rejectsANegativeFailAfterRate() {
        assertThat(run("simulator", "--fail-after-rate", "-0.1").err()).contains("--fail-after-rate must be between 0 and 1");
    }

    @Test
    void persistNeedsAStateFile() {
        Run run = run("simulator", "--persist");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--persist needs --state FILE");
    }

    @Test
    void rejectsABotThatIsNotANumber() {
        assertThat(run("simulator", "--bot", "sales").err()).contains("--bot");
    }

    @Test
    void rejectsACallbackUrlOffThisMachineWithoutShowingItsQuery() {
        Run run = run("simulator", "--callback-url", "http://hooks.invalid/hooks/sinch?key=s3cret");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--callback-url").contains("hooks.invalid").doesNotContain("s3cret")
                .doesNotContain("\tat ");
    }

    @Test
    void acceptsALoopbackCallbackUrl() throws Exception {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
                "--port", "0", "--callback-url", "http://127.0.0.1:9/hooks/sinch?key=k"));

        Simulator sim = command.awaitStarted(30);
        assertThat(sim).as("started").isNotNull();
        command.stop();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(sim.config().callbackUrl()).isEqualTo(URI.create("http://127.0.0.1:9/hooks/sinch?key=k"));
    }

    @Test
    void helpShowsTheDefaultTokenAndPort() {
        Run run = run("simulator", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("roster-dev-token").contains("8085");
    }

    @Test
    void servesUntilStoppedAndPersistsTheState() throws Exception {
        Path state = dir.resolve("sim.yaml");
        SimulatorCommand command = new SimulatorCommand();
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
                "--port", "0", "--bot", "+46 70 000 00 01", "--state", state.toString(), "--persist",
                "--token", "my-secret-token"));

        Simulator sim = command.awaitStarted(30);
        assertThat(sim).as("started").isNotNull();
        HttpResponse<String> created = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/whatsapp/v1/46700000001/groups"))
                        .header("Authorization", "Bearer my-secret-token")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"From CLI\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        command.stop();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(out.toString())
                .contains("Simulator listening on " + sim.baseUrl())
                .contains("token as given by --token")
                .doesNotContain("my-secret-token");
        assertThat(Files.readString(state)).contains("From CLI");
    }

    @Test
    void rejectsARateLimitThatIsNotAboveZero() {
        Run zero = run("simulator", "--rate-limit", "0");
        Run negative = run("simulator", "--rate-limit", "-5");

        assertThat(zero.exitCode()).isEqualTo(1);
        assertThat(zero.err()).contains("--rate-limit must be above 0").contains("got 0.0").doesNotContain("\tat ");
        assertThat(negative.exitCode()).isEqualTo(1);
        assertThat(negative.err()).contains("--rate-limit must be above 0").contains("got -5.0");
    }

    @Test
    void rejectsAnUnknownRateLimitScope() {
        Run run = run("simulator", "--rate-limit", "100", "--rate-limit-by", "carrier");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--rate-limit-by must be all or bot, got 'carrier'").doesNotContain("\tat ");
    }

    @Test
    void aRateLimitScopeNeedsARateLimit() {
        Run run = run("simulator", "--rate-limit-by", "bot");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--rate-limit-by needs --rate-limit R");
    }

    @Test
    void helpDescribesTheRateLimit() {
        String help = run("simulator", "--help").out().replaceAll("\\s+", " ");

        assertThat(help).contains("--rate-limit=R Answer 429 with Retry-After above R API requests")
                .contains("--rate-limit-by=SCOPE What --rate-limit counts: all (the whole server) or bot");
    }

    @Test
    void servesWithAPerBotRateLimit() throws Exception {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
                "--port", "0", "--bot", "46700000001", "--rate-limit", "0.01", "--rate-limit-by", "BOT"));

        Simulator sim = command.awaitStarted(30);
        assertThat(sim).as("started").isNotNull();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest list = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/whatsapp/v1/46700000001/groups"))
                .header("Authorization", "Bearer roster-dev-token").build();
        int first = client.send(list, HttpResponse.BodyHandlers.ofString()).statusCode();
        HttpResponse<String> second = client.send(list, HttpResponse.BodyHandlers.ofString());
        command.stop();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(sim.config().rateLimit()).isEqualTo(RateLimit.of(0.01, RateLimitScope.BOT));
        assertThat(out.toString()).contains("at most 0.01 requests/s per bot");
        assertThat(first).isEqualTo(200);
        assertThat(second.statusCode()).as("a second request within 100 s: " + second.body()).isEqualTo(429);
        assertThat(Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 100L);
    }
}
