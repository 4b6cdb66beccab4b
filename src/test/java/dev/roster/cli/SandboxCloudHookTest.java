package dev.roster.cli;

import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.ChildJvm;
import dev.roster.testing.LocalHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roster daemon --sandbox}: the embedded simulator's Cloud API webhooks reach {@code /hooks/cloud}, signed with
 * the sandbox's app secret, and the daemon accepts them.
 */
@Tag("child-jvm") // left out of mutation testing (pom.xml, profile mutation): a JVM start per mutant
class SandboxCloudHookTest {
    @TempDir
    Path dir;

    @Test
    void aGroupCreatedInTheSandboxsCloudDialectIsReportedToTheDaemonsCloudHookAndThePageCanBeSignedInTo() throws Exception {
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
            Matcher m = SandboxSelfHealTest.SANDBOX.matcher(read(log));
            assertThat(m.find()).as("the sandbox's address is printed:\n" + read(log)).isTrue();

            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + "/v23.0/" + SandboxSelfHealTest.BOT + "/groups"))
                    .header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\","
                            + "\"subject\":\"Cloud Club\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            await("the group_create webhook is accepted", 15, () -> get(port, "/metrics").body()
                    .contains("roster_events_total{result=\"accepted\",source=\"cloud\"} 1.0"), () -> read(log));
            assertThat(get(port, "/metrics").body()).doesNotContain("result=\"bad_signature\",source=\"cloud\"")
                    .doesNotContain("result=\"unsigned\",source=\"cloud\"");

            // the operator's page can be signed in to with a token kept in the sandbox's folder, never printed
            Path tokenFile = files.resolve(".roster/page-token");
            String token = Files.readString(tokenFile).strip();
            assertThat(read(log)).contains("sign in with the token in").doesNotContain(token);
            assertThat(Files.getPosixFilePermissions(tokenFile)).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            HttpResponse<String> signedIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/ui/signin"))
                    .header("Origin", "http://127.0.0.1:" + port)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Set-Cookie")).isPresent();
        } finally {
            daemon.destroy();
            daemon.waitFor(20, TimeUnit.SECONDS);
            daemon.destroyForcibly();
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
