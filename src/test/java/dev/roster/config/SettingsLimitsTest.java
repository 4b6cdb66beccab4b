package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.api.RequestRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented ranges of numeric settings include both ends, and one past either end is a located error. */
class SettingsLimitsTest {
    @TempDir
    Path dir;

    private RosterSettings load(String yaml) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        return SettingsLoader.load(file, Map.of()).settings();
    }

    private String error(String yaml) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(file, Map.of()));
        assertThat(e).as("refused: " + yaml).isNotNull();
        return e.getMessage().replace(file.toString(), "roster.yaml");
    }

    @Test
    void everyRangeAcceptsItsMaximum() throws IOException {
        RosterSettings s = load("""
                api:
                  maxConcurrency: 1024
                  requestsPerSecond: 100000
                  retry: {maxAttempts: 100}
                reconcile: {maxRemovalPercent: 100, subjectMaxLength: 1000}
                daemon:
                  http: {port: 65535}
                  git: {timeout: 1h}
                """);

        assertThat(s.api().maxConcurrency()).isEqualTo(1024);
        assertThat(s.api().requestsPerSecond()).isEqualTo(RequestRate.fixed(100_000));
        assertThat(s.api().retry().maxAttempts()).isEqualTo(100);
        assertThat(s.reconcile().maxRemovalPercent()).isEqualTo(100);
        assertThat(s.reconcile().subjectMaxLength()).isEqualTo(1000);
        assertThat(s.daemon().http().port()).isEqualTo(65535);
        assertThat(s.daemon().git().timeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void everyRangeAcceptsItsMinimum() throws IOException {
        RosterSettings s = load("""
                api:
                  maxConcurrency: 1
                  requestsPerSecond: 0.001
                  retry: {maxAttempts: 1}
                reconcile: {maxRemovalPercent: 0, subjectMaxLength: 1}
                daemon:
                  http: {port: 0}
                  git: {timeout: 1s}
                """);

        assertThat(s.api().maxConcurrency()).isEqualTo(1);
        assertThat(s.api().requestsPerSecond()).isEqualTo(RequestRate.fixed(0.001));
        assertThat(s.api().retry().maxAttempts()).isEqualTo(1);
        assertThat(s.reconcile().maxRemovalPercent()).isZero();
        assertThat(s.reconcile().subjectMaxLength()).isEqualTo(1);
        assertThat(s.daemon().http().port()).isZero();
        assertThat(s.daemon().git().timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void onePastEitherEndIsALocatedError() throws IOException {
        assertThat(error("api:\n  maxConcurrency: 1025\n"))
                .contains("roster.yaml:2:19: api.maxConcurrency must be a whole number from 1 to 1024, not '1025'");
        assertThat(error("api:\n  maxConcurrency: 0\n")).contains("roster.yaml:2:19: api.maxConcurrency");
        assertThat(error("api:\n  requestsPerSecond: 100001\n"))
                .contains("roster.yaml:2:22: api.requestsPerSecond must be auto or a number above 0 and at most 100000");
        assertThat(error("api:\n  requestsPerSecond: 0\n")).contains("roster.yaml:2:22: api.requestsPerSecond");
        assertThat(error("api:\n  retry: {maxAttempts: 101}\n"))
                .contains("api.retry.maxAttempts must be a whole number from 1 to 100, not '101'");
        assertThat(error("reconcile: {maxRemovalPercent: 101}\n"))
                .contains("roster.yaml:1:32: reconcile.maxRemovalPercent must be a whole number from 0 to 100");
        assertThat(error("reconcile: {maxRemovalPercent: -1}\n")).contains("reconcile.maxRemovalPercent");
        assertThat(error("reconcile: {subjectMaxLength: 1001}\n"))
                .contains("reconcile.subjectMaxLength must be a whole number from 1 to 1000, not '1001'");
        assertThat(error("reconcile: {subjectMaxLength: 0}\n")).contains("reconcile.subjectMaxLength");
        assertThat(error("daemon:\n  http: {port: 65536}\n"))
                .contains("daemon.http.port must be a port from 0 to 65535, not '65536'");
        assertThat(error("daemon:\n  http: {port: -1}\n")).contains("daemon.http.port");
        assertThat(error("daemon:\n  git: {timeout: 61m}\n"))
                .contains("daemon.git.timeout must be a duration from 1s to 1h such as 30s, not '61m'");
        assertThat(error("daemon:\n  git: {timeout: 999ms}\n")).contains("daemon.git.timeout");
    }
}
