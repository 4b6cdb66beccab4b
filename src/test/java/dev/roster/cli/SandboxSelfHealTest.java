package dev.roster.cli;

import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.ChildJvm;
import dev.roster.testing.LocalHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roster daemon --sandbox} as a new user runs it: the embedded simulator sends its group events to the daemon,
 * so a group renamed as a person would rename it is set back within seconds.
 */
@Tag("child-jvm") // left out of mutation testing (pom.xml, profile mutation): a JVM start per mutant
class SandboxSelfHealTest {
    static final Pattern SANDBOX = Pattern.compile("the sandbox API is at (http://127\\.0\\.0\\.1:\\d+)");
    static final String BOT = "46700000001";

    @TempDir
    Path dir;

    @Test
    void aGroupRenamedInTheSandboxIsSetBackWithinSeconds() throws Exception {
        Path files = Files.createDirectories(dir.resolve("quickstart"));
        Files.copy(Path.of("examples/quickstart/groups.yaml"), files.resolve("groups.yaml"));
        int port = LocalHttp.freePort();
        Path log = dir.resolve("daemon.log");
        Process daemon = ChildJvm.daemon(List.of("-Xmx256m"), "--sandbox", "--http-port", Integer.toString(port),
                files.resolve("groups.yaml").toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        try {
            await("the first run", 60, () -> get(port, "/status").body().contains("\"result\" : \"ok\""),
                    () -> read(log));
            Matcher m = SANDBOX.matcher(read(log));
            assertThat(m.find()).as("the sandbox's address is printed:\n" + read(log)).isTrue();
            String sandbox = m.group(1);
            JsonNode status = new ObjectMapper().readTree(get(port, "/status").body());
            String group = status.path("bots").path(BOT).path("groups").get(0).path("group_id").asText();
            String subject = status.path("bots").path(BOT).path("groups").get(0).path("subject").asText();

            assertThat(LocalHttp.post(URI.create(sandbox).getPort(), "/_sim/" + BOT + "/groups/" + group + "/subject",
                    "{\"subject\": \"Renamed by hand\"}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

            await("the subject is set back", 15, () -> subject.equals(liveSubject(sandbox, group)), () -> read(log));
            assertThat(read(log)).doesNotContain(SimulatorConfig.DEFAULT_TOKEN).doesNotContain("\tat ");
        } finally {
            daemon.destroy();
            daemon.waitFor(20, TimeUnit.SECONDS);
            daemon.destroyForcibly();
        }
    }

    private static String liveSubject(String sandbox, String group) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sandbox + "/whatsapp/v1/" + BOT + "/groups/" + group))
                    .header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body()).path("subject").asText();
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
