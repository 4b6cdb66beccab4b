package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.Provider;
import dev.roster.model.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider settings ({@code api.provider}, {@code api.bots}, {@code api.cloud}), invites and Cloud hooks. */
class ProviderSettingsTest {
    private static final String TOKEN = "tok-1a2b3c4d5e6f";
    private static final String CLOUD_TOKEN = "EAAG-cloud-7g8h9i0j";
    private static final BotId SINCH_BOT = BotId.of("447506616260");
    private static final BotId CLOUD_BOT = BotId.of("106540352242922");

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private RosterSettings load(String yaml, Map<String, String> env) throws IOException {
        return SettingsLoader.load(write(yaml), env).settings();
    }

    private String errorsOf(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(file, Map.of()));
        assertThat(e).as("rejected").isNotNull();
        return e.getMessage().replace(file.toString(), "roster.yaml");
    }

    @Test
    void byDefaultEveryBotIsOnTheV1ApiAndTheCloudTokenComesFromItsVariable() throws IOException {
        RosterSettings s = load("api: {}\n", Map.of("SINCH_API_TOKEN", TOKEN, "WHATSAPP_CLOUD_TOKEN", CLOUD_TOKEN));
        assertThat(s.api().provider()).isEqualTo(Provider.SINCH);
        assertThat(s.api().bots()).isEmpty();
        assertThat(s.api().cloudToken()).isEqualTo(Secret.of(CLOUD_TOKEN));
        assertThat(s.api().cloud()).isEqualTo(new RosterSettings.Cloud(8, Duration.ofSeconds(60)));
        assertThat(s.capabilitiesOf(SINCH_BOT)).isEqualTo(Capabilities.sinch(25));
        assertThat(s.reconcile().pruneDeletes()).isFalse();
        assertThat(s.invites()).isEqualTo(new RosterSettings.Invites(false, "group_invite_link", "en", 100));
        assertThat(SettingsLoader.defaults(Map.of("WHATSAPP_CLOUD_TOKEN", CLOUD_TOKEN)).api().cloudToken())
                .isEqualTo(Secret.of(CLOUD_TOKEN));
    }

    @Test
    void cloudAsTheProviderDefaultsToTheGraphBaseAndTakesApiTokenAsItsToken() throws IOException {
        RosterSettings s = load("api:\n  provider: cloud\n  token: ${MY_CLOUD}\n  cloud: {maxParticipants: 7,"
                + " createTimeout: 2m}\n", Map.of("MY_CLOUD", CLOUD_TOKEN, "SINCH_API_TOKEN", TOKEN));
        assertThat(s.api().provider()).isEqualTo(Provider.CLOUD);
        assertThat(s.api().baseUrl()).isEqualTo(URI.create("https://graph.facebook.com/v23.0"));
        assertThat(s.api().tokenFor(CLOUD_BOT)).isEqualTo(Secret.of(CLOUD_TOKEN));
        assertThat(s.api().token()).isEqualTo(Secret.of(TOKEN));
        assertThat(s.api().cloud()).isEqualTo(new RosterSettings.Cloud(7, Duration.ofMinutes(2)));
        assertThat(s.capabilitiesOf(CLOUD_BOT)).isEqualTo(Capabilities.cloud(7));
    }

    @Test
    void perBotSettingsChooseProviderBaseUrlAndTokenAndApiTokensStillWork() throws IOException {
        RosterSettings s = load("""
                api:
                  tokens: {"447506616260": "${SALES}"}
                  bots:
                    "106540352242922": {provider: cloud, token: "${SUPPORT}"}
                    "447506616261": {baseUrl: "http://127.0.0.1:8080"}
                """, Map.of("SALES", TOKEN, "SUPPORT", CLOUD_TOKEN));
        assertThat(s.api().providerOf(CLOUD_BOT)).isEqualTo(Provider.CLOUD);
        assertThat(s.api().baseUrlOf(CLOUD_BOT)).isEqualTo(URI.create("https://graph.facebook.com/v23.0"));
        assertThat(s.api().tokenFor(CLOUD_BOT)).isEqualTo(Secret.of(CLOUD_TOKEN));
        assertThat(s.api().tokenFor(SINCH_BOT)).isEqualTo(Secret.of(TOKEN));
        assertThat(s.api().providerOf(SINCH_BOT)).isEqualTo(Provider.SINCH);
        assertThat(s.api().baseUrlOf(BotId.of("447506616261"))).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(s.capabilitiesOf(CLOUD_BOT).admins()).isFalse();
    }

    @Test
    void aMisspeltProviderIsLocatedWithASuggestion() throws IOException {
        assertThat(errorsOf("api:\n  provider: clod\n")).isEqualTo(
                "roster.yaml:2:13: api.provider must be sinch or cloud, not 'clod' (did you mean 'cloud'?)");
        assertThat(errorsOf("api:\n  bots: {\"106540352242922\": {provider: meta}}\n")).isEqualTo(
                "roster.yaml:2:40: api.bots.106540352242922.provider must be sinch or cloud, not 'meta'");
    }

    @Test
    void unknownKeysUnderBotsCloudAndInvitesAreLocatedWithASuggestion() throws IOException {
        assertThat(errorsOf("""
                api:
                  bots: {"106540352242922": {tokne: x}}
                  cloud: {maxParticipant: 8}
                invites: {dailycap: 5}
                """)).isEqualTo(String.join("\n",
                "roster.yaml:2:30: unknown key 'api.bots.106540352242922.tokne' (did you mean"
                        + " 'api.bots.106540352242922.token'?)",
                "roster.yaml:3:11: unknown key 'api.cloud.maxParticipant' (did you mean 'api.cloud.maxParticipants'?)",
                "roster.yaml:4:11: unknown key 'invites.dailycap' (did you mean 'invites.dailyCap'?)"));
    }

    @Test
    void wrongTypesAndRangesAreLocated() throws IOException {
        assertThat(errorsOf("""
                api:
                  bots: [x]
                  cloud: {maxParticipants: 257, createTimeout: 0s}
                reconcile: {pruneDeletes: "yes"}
                invites: {send: 1, dailyCap: 0, language: English}
                """)).isEqualTo(String.join("\n",
                "roster.yaml:2:9: 'api.bots' must be a mapping of bot ids to {provider, baseUrl, token}, not a list",
                "roster.yaml:3:28: api.cloud.maxParticipants must be a whole number from 1 to 256, not '257'",
                "roster.yaml:3:48: api.cloud.createTimeout must be a duration above zero such as 60s, not '0s'",
                "roster.yaml:4:27: reconcile.pruneDeletes must be true or false, not 'yes'",
                "roster.yaml:5:17: invites.send must be true or false, not '1'",
                "roster.yaml:5:30: invites.dailyCap must be a whole number from 1 to 100000, not '0'",
                "roster.yaml:5:43: invites.language must be a language code such as en or pt_BR, not 'English'"));
    }

    @Test
    void aBotKeyInBotsMustBeAnId() throws IOException {
        assertThat(errorsOf("api:\n  bots: {support: {provider: cloud}}\n")).isEqualTo("roster.yaml:2:10: api.bots:"
                + " 'support' is not a bot id (the bot's number in international digits, no '+', or its Cloud API"
                + " phone-number id)");
    }

    @Test
    void aPerBotBaseUrlFollowsTheHttpRulesOfApiBaseUrl() throws IOException {
        assertThat(errorsOf("api:\n  bots: {\"106540352242922\": {baseUrl: \"http://graph.example.invalid\"}}\n"))
                .isEqualTo("roster.yaml:2:39: api.bots.106540352242922.baseUrl: plain http to graph.example.invalid"
                        + " would send the token unencrypted; use https, or set api.allowInsecureHttp: true");
        assertThat(errorsOf("api:\n  bots: {\"106540352242922\": {provider: cloud, baseUrl: ftp://x}}\n"))
                .isEqualTo("roster.yaml:2:56: api.bots.106540352242922.baseUrl must be an http(s) URL such as"
                        + " https://graph.facebook.com/v23.0, not 'ftp://x'");
        RosterSettings allowed = load("api:\n  allowInsecureHttp: true\n  bots: {\"106540352242922\": {baseUrl:"
                + " \"http://graph.example.invalid\"}}\n", Map.of());
        assertThat(allowed.api().baseUrlOf(CLOUD_BOT)).isEqualTo(URI.create("http://graph.example.invalid"));
    }

    @Test
    void invitesAndPruneDeletesAreRead() throws IOException {
        RosterSettings s = load("reconcile: {pruneDeletes: true}\ninvites: {send: true, template: team_invite,"
                + " language: pt_BR, dailyCap: 500}\n", Map.of());
        assertThat(s.reconcile().pruneDeletes()).isTrue();
        assertThat(s.invites()).isEqualTo(new RosterSettings.Invites(true, "team_invite", "pt_BR", 500));
    }

    @Test
    void cloudSecretsAreReadAndNeverShown() throws IOException {
        Path file = write("""
                daemon:
                  hooks: {cloudAppSecret: "${APP}", cloudVerifyToken: SECRET-VERIFY-42}
                api:
                  bots: {"106540352242922": {provider: cloud, token: LITERAL-CLOUD-43}}
                """);
        LoadedSettings loaded = SettingsLoader.load(file, Map.of("APP", CLOUD_TOKEN));
        RosterSettings.Hooks hooks = loaded.settings().daemon().hooks();
        assertThat(hooks.cloudAppSecret()).isEqualTo(Secret.of(CLOUD_TOKEN));
        assertThat(hooks.cloudVerifyToken()).isEqualTo(Secret.of("SECRET-VERIFY-42"));
        assertThat(loaded.warnings()).extracting(Diagnostic::toString).containsExactly(
                file + ":4:54: warning: api.bots.106540352242922.token is written literally in " + file
                        + "; use ${WHATSAPP_CLOUD_TOKEN_106540352242922}",
                file + ":2:55: warning: daemon.hooks.cloudVerifyToken is written literally in " + file
                        + "; use ${ROSTER_CLOUD_VERIFY_TOKEN}");
        String shown = loaded.warnings() + " " + loaded.settings();
        assertThat(shown).doesNotContain("SECRET-VERIFY-42", "LITERAL-CLOUD-43", CLOUD_TOKEN);
        assertThat(errorsOf("daemon:\n  hooks: {cloudAppSecret: [SECRET-APP-44]}\n"))
                .isEqualTo("roster.yaml:2:27: daemon.hooks.cloudAppSecret must be text, not a list")
                .doesNotContain("SECRET-APP-44");
    }
}
