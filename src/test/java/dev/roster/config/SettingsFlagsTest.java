package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Switches (prune, allowInsecureHttp, showNumbers), written or from the environment, and the job store forms. */
class SettingsFlagsTest {
    @TempDir
    Path dir;

    private RosterSettings load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        return SettingsLoader.load(file, env).settings();
    }

    private String error(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(file, env));
        assertThat(e).as("refused: " + yaml).isNotNull();
        return e.getMessage().replace(file.toString(), "roster.yaml");
    }

    @Test
    void aSwitchWrittenTrueIsOnWhateverItsCase() throws IOException {
        RosterSettings s = load("""
                api: {baseUrl: "http://127.0.0.1:9", allowInsecureHttp: TRUE}
                reconcile: {prune: true}
                daemon:
                  http: {showNumbers: True}
                """, Map.of());

        assertThat(s.reconcile().prune()).isTrue();
        assertThat(s.api().allowInsecureHttp()).isTrue();
        assertThat(s.daemon().http().showNumbers()).isTrue();
    }

    @Test
    void aSwitchWrittenFalseOrLeftEmptyIsOff() throws IOException {
        assertThat(load("reconcile: {prune: false}\n", Map.of()).reconcile().prune()).isFalse();
        assertThat(load("reconcile: {prune: ~}\n", Map.of()).reconcile().prune()).isFalse();
    }

    @Test
    void aSwitchFromTheEnvironmentIsReadAndAnUnsetVariableKeepsTheDefault() throws IOException {
        String yaml = "reconcile: {prune: \"${PRUNE}\"}\n";

        assertThat(load(yaml, Map.of("PRUNE", "true")).reconcile().prune()).isTrue();
        assertThat(load(yaml, Map.of("PRUNE", "false")).reconcile().prune()).isFalse();
        assertThat(load(yaml, Map.of()).reconcile().prune()).isFalse();
        assertThat(error(yaml, Map.of("PRUNE", "maybe")))
                .contains("roster.yaml:1:20: reconcile.prune must be true or false, not 'maybe'");
    }

    @Test
    void aQuotedOrOtherWordIsNoSwitch() throws IOException {
        assertThat(error("reconcile: {prune: \"true\"}\n", Map.of()))
                .contains("roster.yaml:1:20: reconcile.prune must be true or false");
        assertThat(error("reconcile: {prune: 1}\n", Map.of())).contains("reconcile.prune must be true or false");
        assertThat(error("reconcile: {prune: !!bool \"true\"}\n", Map.of()))
                .contains("roster.yaml:1:20: reconcile.prune must be true or false, not 'true'");
    }

    @Test
    void theJobStoreIsMemoryUnlessAUrlIsGiven() throws IOException {
        assertThat(load("daemon: {jobStore: ~}\n", Map.of()).daemon().jobStore().isMemory()).isTrue();
        assertThat(load("daemon: {jobStore: memory}\n", Map.of()).daemon().jobStore().isMemory()).isTrue();
        RosterSettings.JobStore pg = load("daemon:\n  jobStore: {url: \"jdbc:postgresql://127.0.0.1/roster\"}\n",
                Map.of()).daemon().jobStore();
        assertThat(pg.isMemory()).isFalse();
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://127.0.0.1/roster");
        assertThat(error("daemon: {jobStore: disk}\n", Map.of()))
                .contains("daemon.jobStore must be memory or a mapping {url, user, password}, not 'disk'");
    }

    @Test
    void backoffsMayBeEqualButTheMaximumNotShorter() throws IOException {
        assertThat(load("api:\n  retry: {initialBackoff: 1s, maxBackoff: 1s}\n", Map.of()).api().retry().maxBackoff())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(error("api:\n  retry: {initialBackoff: 2s, maxBackoff: 1s}\n", Map.of()))
                .contains("api.retry.maxBackoff (1s) must not be shorter than api.retry.initialBackoff (2s)");
    }

    @Test
    void aRateThatIsNoNumberIsALocatedError() throws IOException {
        assertThat(error("api:\n  requestsPerSecond: fast\n", Map.of()))
                .contains("roster.yaml:2:22: api.requestsPerSecond must be auto or a number above 0 and at most 100000");
    }
}
