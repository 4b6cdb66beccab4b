package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code daemon.http.token} and {@code daemon.hooks}: the control token and the webhooks' secrets. */
class WebhookSettingsTest {
    @TempDir
    Path dir;

    private LoadedSettings load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        return SettingsLoader.load(file, env);
    }

    private String errorsOf(String yaml) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(file, Map.of()));
        assertThat(e).as("rejected").isNotNull();
        return e.getMessage().replace(file.toString(), "roster.yaml");
    }

    @Test
    void byDefaultTheHooksAndTheControlEndpointsAreOff() throws IOException {
        RosterSettings.Daemon d = load("daemon: {}\n", Map.of()).settings().daemon();
        assertThat(d.http().token()).isNull();
        assertThat(d.hooks()).isEqualTo(RosterSettings.Hooks.NONE);
        assertThat(d.hooks().debounce()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void secretsComeFromTheEnvironmentWithoutAWarning() throws IOException {
        LoadedSettings loaded = load("""
                daemon:
                  http: {token: "${ROSTER_HTTP_TOKEN}"}
                  hooks:
                    gitSecret: "${ROSTER_GIT_HOOK_SECRET}"
                    sinchSecret: "${ROSTER_SINCH_HOOK_SECRET}"
                    debounce: 0s
                """, Map.of("ROSTER_HTTP_TOKEN", "tok-1", "ROSTER_GIT_HOOK_SECRET", "git-2",
                "ROSTER_SINCH_HOOK_SECRET", "sinch-3"));
        RosterSettings.Daemon d = loaded.settings().daemon();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(d.http().token()).isEqualTo(Secret.of("tok-1"));
        assertThat(d.hooks()).isEqualTo(new RosterSettings.Hooks(Secret.of("git-2"), Secret.of("sinch-3"),
                Duration.ZERO));
    }

    @Test
    void aSecretWrittenLiterallyIsAcceptedWithALocatedWarningThatDoesNotShowIt() throws IOException {
        LoadedSettings loaded = load("daemon:\n  hooks:\n    sinchSecret: literal-s3cret\n", Map.of());
        assertThat(loaded.settings().daemon().hooks().sinchSecret()).isEqualTo(Secret.of("literal-s3cret"));
        assertThat(loaded.warnings()).singleElement().satisfies(w -> assertThat(w.toString())
                .contains(":3:18").contains("daemon.hooks.sinchSecret is written literally")
                .contains("${ROSTER_SINCH_HOOK_SECRET}").doesNotContain("literal-s3cret"));
    }

    @Test
    void anUnsetVariableLeavesTheHookOff() throws IOException {
        RosterSettings.Hooks hooks = load("daemon:\n  hooks: {gitSecret: \"${NOT_SET}\"}\n", Map.of()).settings()
                .daemon().hooks();
        assertThat(hooks.gitSecret()).isNull();
    }

    @Test
    void aDebounceOutsideZeroToAMinuteOrAnUnknownKeyIsALocatedError() throws IOException {
        assertThat(errorsOf("daemon:\n  hooks:\n    debounce: 2m\n"))
                .contains("roster.yaml:3:15").contains("daemon.hooks.debounce must be a duration from 0s to 1m");
        assertThat(errorsOf("daemon:\n  hooks:\n    debounce: -1s\n")).contains("roster.yaml:3:15");
        assertThat(errorsOf("daemon:\n  hooks:\n    secret: x\n")).contains("roster.yaml:3:5")
                .contains("secret");
        assertThat(errorsOf("daemon:\n  http: {tokn: x}\n")).contains("roster.yaml:2:10").contains("token");
    }

    @Test
    void theSandboxsSecretReplacesOnlyTheProviderHooksSecret() throws IOException {
        RosterSettings settings = load("daemon:\n  schedule: \"0 0 * * * ?\"\n  hooks: {gitSecret: \"${G}\", debounce: 1s}\n",
                Map.of("G", "git-secret")).settings();
        RosterSettings.Daemon d = settings.daemon();

        RosterSettings changed = settings.withDaemon(d.withHooks(d.hooks().withSinchSecret(Secret.of("sandbox"))));

        assertThat(changed.daemon().hooks()).isEqualTo(new RosterSettings.Hooks(Secret.of("git-secret"),
                Secret.of("sandbox"), Duration.ofSeconds(1)));
        assertThat(changed.daemon().schedule()).isEqualTo("0 0 * * * ?");
        assertThat(changed.daemon().http()).isEqualTo(d.http());
        assertThat(changed.api()).isEqualTo(settings.api());
        assertThat(changed.lock()).isEqualTo(settings.lock());
        assertThat(changed.notifications()).isEqualTo(settings.notifications());
    }

    @Test
    void aMinuteIsTheLongestDebounce() throws IOException {
        assertThat(load("daemon:\n  hooks: {debounce: 1m}\n", Map.of()).settings().daemon().hooks().debounce())
                .isEqualTo(Duration.ofMinutes(1));
    }
}
