package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.config.RosterSettings.NotifyKind;
import dev.roster.config.RosterSettings.NotifyTarget;
import dev.roster.config.RosterSettings.NotifyTargetType;
import dev.roster.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifySettingsTest {
    private static final String SLACK_URL = "https://hooks.slack.example.invalid/services/T000/B000/XyZsecret42";
    private static final String SIGNING_SECRET = "sign-7c1e0a9b";

    @TempDir
    Path dir;

    private LoadedSettings load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        return SettingsLoader.load(file, env);
    }

    private String errorsOf(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(file, env));
        assertThat(e).as("rejected").isNotNull();
        return e.getMessage().replace(file.toString(), "roster.yaml");
    }

    @Test
    void withoutTargetsNotificationsAreOffAndEveryKindIsOn() throws IOException {
        RosterSettings.Notify n = load("notify: {}\n", Map.of()).settings().notifications();
        assertThat(n.isOff()).isTrue();
        assertThat(n.on()).isEqualTo(EnumSet.allOf(NotifyKind.class));
        assertThat(SettingsLoader.defaults(Map.of()).notifications()).isEqualTo(n);
    }

    @Test
    void targetsAreReadWithTheirSecretsFromTheEnvironment() throws IOException {
        LoadedSettings loaded = load("""
                notify:
                  targets:
                    - {type: webhook, url: https://hooks.example.invalid/roster, secret: "${ROSTER_NOTIFY_SECRET}"}
                    - {type: slack, url: "${SLACK_WEBHOOK_URL}"}
                  on: [failed, recovered]
                """, Map.of("ROSTER_NOTIFY_SECRET", SIGNING_SECRET, "SLACK_WEBHOOK_URL", SLACK_URL));
        RosterSettings.Notify n = loaded.settings().notifications();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(n.targets()).containsExactly(
                new NotifyTarget(NotifyTargetType.WEBHOOK, Secret.of("https://hooks.example.invalid/roster"),
                        "hooks.example.invalid", Secret.of(SIGNING_SECRET)),
                new NotifyTarget(NotifyTargetType.SLACK, Secret.of(SLACK_URL), "hooks.slack.example.invalid", null));
        assertThat(n.on()).isEqualTo(Set.of(NotifyKind.FAILED, NotifyKind.RECOVERED));
        assertThat(n.targets().get(1)).hasToString("slack target hooks.slack.example.invalid");
        assertThat(n.toString()).doesNotContain("XyZsecret42").doesNotContain(SIGNING_SECRET);
    }

    @Test
    void aTargetWhoseUrlVariableIsUnsetIsOffWithAWarning() throws IOException {
        LoadedSettings loaded = load("notify:\n  targets:\n    - {type: slack, url: \"${SLACK_WEBHOOK_URL}\"}\n",
                Map.of());
        assertThat(loaded.settings().notifications().isOff()).isTrue();
        assertThat(loaded.warnings()).hasSize(1);
        assertThat(loaded.warnings().get(0).toString()).endsWith(
                "notify.targets[0].url is empty (an unset variable?): this target is off");
    }

    @Test
    void aSlackUrlWrittenLiterallyIsAWarningThatNeverShowsIt() throws IOException {
        LoadedSettings loaded = load("notify:\n  targets:\n    - {type: slack, url: \"" + SLACK_URL + "\"}\n",
                Map.of());
        assertThat(loaded.settings().notifications().targets()).hasSize(1);
        assertThat(loaded.warnings()).hasSize(1);
        assertThat(loaded.warnings().get(0).toString()).contains(":3:26: warning: notify.targets[0].url is written literally")
                .doesNotContain("XyZsecret42");
    }

    @Test
    void everyMistakeIsLocatedAndNoUrlIsShown() throws IOException {
        String message = errorsOf("""
                notify:
                  targets:
                    - {type: webhook, url: "ftp://bob:pw-1234@files.example.invalid/x"}
                    - {type: slack, url: "${SLACK_WEBHOOK_URL}", secret: abc}
                    - {type: teams, url: https://hooks.example.invalid/a}
                    - {url: https://hooks.example.invalid/b}
                    - {type: webhook}
                    - {type: webhook, url: "https:///nohost/XyZsecret42", colour: red}
                    - just text
                  on: [failed, recoverd, sometimes]
                """, Map.of("SLACK_WEBHOOK_URL", SLACK_URL));
        assertThat(message).isEqualTo(String.join("\n",
                "roster.yaml:3:28: notify.targets[0].url must be an http or https URL, not ftp:",
                "roster.yaml:4:50: notify.targets[1].secret: only a webhook target signs its body;"
                        + " a slack target takes no secret",
                "roster.yaml:5:14: notify.targets[2].type must be webhook or slack, not 'teams'",
                "roster.yaml:6:7: notify.targets[3] needs a type: webhook or slack",
                "roster.yaml:7:7: notify.targets[4] needs a url",
                "roster.yaml:8:28: notify.targets[5].url has no host",
                "roster.yaml:8:59: unknown key 'notify.targets[5].colour'; expected one of: secret, type, url",
                "roster.yaml:9:7: 'notify.targets[6]' must be a mapping of keys to values, not text",
                "roster.yaml:10:16: notify.on: unknown kind 'recoverd' (did you mean 'recovered'?)",
                "roster.yaml:10:26: notify.on: unknown kind 'sometimes'; expected drift, failed, refused, invalid,"
                        + " recovered"));
        assertThat(message).doesNotContain("pw-1234").doesNotContain("XyZsecret42").doesNotContain("/services/");
    }

    @Test
    void anEmptyOnListIsAnError() throws IOException {
        assertThat(errorsOf("notify: {on: []}\n", Map.of())).isEqualTo("roster.yaml:1:14: notify.on must name at"
                + " least one of drift, failed, refused, invalid, recovered (to turn notifications off, list no"
                + " targets)");
        assertThat(errorsOf("notify: {targets: {type: slack}}\n", Map.of()))
                .isEqualTo("roster.yaml:1:19: notify.targets must be a list, not a mapping");
    }

    @Test
    void aUrlThatIsNoUrlOrAnOnThatIsNoListIsALocatedError() throws IOException {
        assertThat(errorsOf("notify:\n  targets:\n    - {type: webhook, url: \"https://exa mple.invalid/x\"}\n",
                Map.of())).isEqualTo("roster.yaml:3:28: notify.targets[0].url is not a URL (an http or https URL"
                        + " with a host is needed)");
        assertThat(errorsOf("notify: {on: failed}\n", Map.of())).startsWith("roster.yaml:1:14: notify.on must be a list");
    }

    @Test
    void plainHttpIsWarnedAboutExceptToThisMachine() throws IOException {
        LoadedSettings far = load("notify:\n  targets:\n    - {type: webhook, url: http://hooks.example.invalid/a}\n",
                Map.of());
        assertThat(far.warnings()).singleElement().satisfies(w -> assertThat(w.toString()).contains(":3:28")
                .contains("plain http to hooks.example.invalid sends notifications unencrypted"));
        LoadedSettings near = load("notify:\n  targets:\n    - {type: webhook, url: http://127.0.0.1:9/a}\n",
                Map.of());
        assertThat(near.warnings()).isEmpty();
        assertThat(near.settings().notifications().isOff()).isFalse();
        assertThat(near.settings().notifications().on()).isEqualTo(EnumSet.allOf(NotifyKind.class));
    }

    @Test
    void onListsTheKindsToSend() throws IOException {
        RosterSettings.Notify n = load("notify:\n  targets: [{type: slack, url: \"${S}\"}]\n  on: [refused]\n",
                Map.of("S", SLACK_URL)).settings().notifications();
        assertThat(n.on()).containsExactly(NotifyKind.REFUSED);
        assertThat(NotifyKind.REFUSED.label()).isEqualTo("refused");
    }
}
