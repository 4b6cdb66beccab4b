package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.api.RequestRate;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsLoaderTest {
    private static final String TOKEN = "tok-9f8e7d6c5b4a";

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private LoadedSettings load(String yaml, Map<String, String> env) throws IOException {
        return SettingsLoader.load(write(yaml), env);
    }

    private String errorsOf(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(file, Map.of()));
        assertThat(e).as("rejected").isNotNull();
        return e.getMessage().replace(file.toString(), "roster.yaml");
    }

    @Test
    void theShippedSettingsFileHoldsExactlyTheDefaults() {
        Map<String, String> env = Map.of("SINCH_API_TOKEN", TOKEN);
        LoadedSettings shipped = SettingsLoader.load(Path.of("config/roster.yaml"), env);
        assertThat(shipped.settings()).isEqualTo(SettingsLoader.defaults(env));
        assertThat(shipped.warnings()).isEmpty();
        assertThat(shipped.settings().api().token()).isEqualTo(Secret.of(TOKEN));
    }

    @Test
    void withoutAFileNameTheDefaultFileIsReadWhenPresent() {
        assertThat(Path.of("config/roster.yaml")).exists();
        Map<String, String> env = Map.of("SINCH_API_TOKEN", TOKEN);
        assertThat(SettingsLoader.load(null, env).settings()).isEqualTo(SettingsLoader.defaults(env));
    }

    @Test
    void defaultsMatchTheDesign() {
        RosterSettings d = SettingsLoader.defaults(Map.of());
        assertThat(d.api().baseUrl()).isEqualTo(URI.create("https://eu1.whatsapp.api.sinch.com"));
        assertThat(d.api().token()).isNull();
        assertThat(d.api().maxConcurrency()).isEqualTo(64);
        assertThat(d.api().requestsPerSecond()).isEqualTo(RequestRate.auto(1000));
        assertThat(d.api().retry()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofSeconds(60)));
        assertThat(d.reconcile()).isEqualTo(new RosterSettings.Reconcile(false, 25, 25));
        assertThat(d.daemon().jobStore().isMemory()).isTrue();
        assertThat(d.daemon().http().port()).isEqualTo(9464);
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws IOException {
        assertThat(load("# nothing\n", Map.of()).settings()).isEqualTo(SettingsLoader.defaults(Map.of()));
    }

    @Test
    void environmentVariablesAreExpandedWithFallbacks() throws IOException {
        RosterSettings s = load("""
                api:
                  baseUrl: ${API_URL:-https://us1.whatsapp.api.sinch.com}
                  token: ${MY_TOKEN}
                  tokens: {"46700000002": "${SUPPORT_TOKEN}"}
                numbers: {defaultRegion: "${REGION}"}
                """, Map.of("MY_TOKEN", TOKEN, "SUPPORT_TOKEN", "other", "REGION", "se")).settings();
        assertThat(s.api().baseUrl()).isEqualTo(URI.create("https://us1.whatsapp.api.sinch.com"));
        assertThat(s.api().token()).isEqualTo(Secret.of(TOKEN));
        assertThat(s.api().tokenFor(BotId.of("46700000002"))).isEqualTo(Secret.of("other"));
        assertThat(s.api().tokenFor(BotId.of("46700000001"))).isEqualTo(Secret.of(TOKEN));
        assertThat(s.numbers().defaultRegion()).isEqualTo("SE");
    }

    @Test
    void anUnsetTokenVariableMeansNoTokenNotAnError() throws IOException {
        LoadedSettings loaded = load("api:\n  token: ${SINCH_API_TOKEN}\n", Map.of());
        assertThat(loaded.settings().api().token()).isNull();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void requestsPerSecondAutoTakesItsMaximum() throws IOException {
        RosterSettings s = load("api:\n  requestsPerSecond: auto\n  maxRequestsPerSecond: 400\n", Map.of())
                .settings();

        assertThat(s.api().requestsPerSecond()).isEqualTo(RequestRate.auto(400));
        assertThat(s.api().requestsPerSecond().limiter(8).isAdaptive()).isTrue();
    }

    @Test
    void aFixedRateAboveTheMaximumIsALocatedError() throws IOException {
        assertThat(errorsOf("api:\n  maxRequestsPerSecond: 100\n  requestsPerSecond: 200\n")).contains(":3:").contains("api.requestsPerSecond (200 per second) is above "
                + "api.maxRequestsPerSecond (100 per second)");
    }

    @Test
    void durationsAndNumbersAreRead() throws IOException {
        RosterSettings s = load("""
                api:
                  connectTimeout: 200ms
                  readTimeout: 2m
                  maxConcurrency: 4
                  requestsPerSecond: 2.5
                  retry: {maxAttempts: 3, initialBackoff: 0, maxBackoff: 1h, maxTotal: 90s}
                reconcile: {prune: true, maxRemovalPercent: 0, subjectMaxLength: 100, allowFormatCharacters: true}
                daemon:
                  schedule: "0 0 * * * ?"
                  mode: report
                  http: {bind: 0.0.0.0, port: 8080, showNumbers: true}
                  git: {url: "https://git.example/repo.git", branch: prod}
                  jobStore: {url: "jdbc:postgresql://db/roster", user: roster, password: "${PGPASSWORD}"}
                audit: {file: /var/log/roster.jsonl}
                """, Map.of("PGPASSWORD", "pw")).settings();
        assertThat(s.api().connectTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.api().readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.api().maxConcurrency()).isEqualTo(4);
        assertThat(s.api().requestsPerSecond()).isEqualTo(RequestRate.fixed(2.5));
        assertThat(s.api().retry()).isEqualTo(new RetryPolicy(3, Duration.ZERO, Duration.ofHours(1),
                Duration.ofSeconds(90)));
        assertThat(s.reconcile()).isEqualTo(new RosterSettings.Reconcile(true, 0, 100, true));
        assertThat(s.daemon().mode()).isEqualTo("report");
        assertThat(s.daemon().http()).isEqualTo(new RosterSettings.Http("0.0.0.0", 8080, true));
        assertThat(s.daemon().git()).isEqualTo(new RosterSettings.Git("https://git.example/repo.git", "prod"));
        assertThat(s.daemon().jobStore()).isEqualTo(new RosterSettings.JobStore("jdbc:postgresql://db/roster",
                "roster", Secret.of("pw")));
        assertThat(s.audit().file()).isEqualTo(Path.of("/var/log/roster.jsonl"));
    }

    @Test
    void anUnknownKeyIsLocatedWithASuggestion() throws IOException {
        assertThat(errorsOf("api:\n  baseurl: https://eu1.whatsapp.api.sinch.com\n"))
                .isEqualTo("roster.yaml:2:3: unknown key 'api.baseurl' (did you mean 'api.baseUrl'?)");
        assertThat(errorsOf("reconcile:\n  prnue: true\n"))
                .isEqualTo("roster.yaml:2:3: unknown key 'reconcile.prnue' (did you mean 'reconcile.prune'?)");
        assertThat(errorsOf("colour: blue\n"))
                .isEqualTo("roster.yaml:1:1: unknown key 'colour'; expected one of: api, audit, daemon, invites, lock, notify, numbers, reconcile");
    }

    @Test
    void everyErrorOfTheFileIsReportedTogetherInOrder() throws IOException {
        assertThat(errorsOf("""
                api:
                  connectTimeout: 5 seconds
                  maxConcurrency: 0
                  retry: {maxAttempts: many}
                numbers: {defaultRegion: Sweden}
                reconcile: {prune: maybe, maxRemovalPercent: 101}
                daemon: {schedule: every five minutes, mode: yolo, http: {port: 70000}}
                audit: [a]
                """)).isEqualTo(String.join("\n",
                "roster.yaml:2:19: api.connectTimeout must be a duration above zero such as 5s, not '5 seconds'",
                "roster.yaml:3:19: api.maxConcurrency must be a whole number from 1 to 1024, not '0'",
                "roster.yaml:4:24: api.retry.maxAttempts must be a whole number from 1 to 100, not 'many'",
                "roster.yaml:5:26: numbers.defaultRegion must be a region code such as SE or GB, not 'Sweden'",
                "roster.yaml:6:20: reconcile.prune must be true or false, not 'maybe'",
                "roster.yaml:6:46: reconcile.maxRemovalPercent must be a whole number from 0 to 100, not '101'",
                "roster.yaml:7:20: daemon.schedule must be a Quartz cron expression such as \"0 */5 * * * ?\","
                        + " not 'every five minutes'",
                "roster.yaml:7:46: daemon.mode must be apply or report, not 'yolo'",
                "roster.yaml:7:65: daemon.http.port must be a port from 0 to 65535, not '70000'",
                "roster.yaml:8:8: 'audit' must be a mapping of keys to values, not a list"));
    }

    @Test
    void callAndRunTimeoutsDefaultTo30SecondsAnd10MinutesAndAreRead() throws IOException {
        RosterSettings d = SettingsLoader.defaults(Map.of());
        assertThat(d.api().callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.api().runTimeout()).isEqualTo(Duration.ofMinutes(10));
        RosterSettings s = load("api:\n  callTimeout: 1500ms\n  runTimeout: 2h\n", Map.of()).settings();
        assertThat(s.api().callTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.api().runTimeout()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void callAndRunTimeoutsMustBePositiveDurations() throws IOException {
        assertThat(errorsOf("api:\n  callTimeout: 0\n  runTimeout: ten minutes\n")).isEqualTo(String.join("\n",
                "roster.yaml:2:16: api.callTimeout must be a duration above zero such as 30s, not '0'",
                "roster.yaml:3:15: api.runTimeout must be a duration above zero such as 10m, not 'ten minutes'"));
        assertThat(errorsOf("api:\n  runTimeout: -5s\n")).isEqualTo(
                "roster.yaml:2:15: api.runTimeout must be a duration above zero such as 10m, not '-5s'");
    }

    @Test
    void backoffBoundsMustBeInOrder() throws IOException {
        assertThat(errorsOf("api:\n  retry: {initialBackoff: 5s, maxBackoff: 1s}\n")).isEqualTo(
                "roster.yaml:2:43: api.retry.maxBackoff (1s) must not be shorter than api.retry.initialBackoff (5s)");
    }

    @Test
    void aLiteralTokenIsAWarningThatNeverShowsTheToken() throws IOException {
        Path file = write("api:\n  token: " + TOKEN + "\n  tokens: {\"46700000002\": " + TOKEN + "x}\n");
        LoadedSettings loaded = SettingsLoader.load(file, Map.of());
        assertThat(loaded.settings().api().token()).isEqualTo(Secret.of(TOKEN));
        assertThat(loaded.warnings()).extracting(Diagnostic::toString).containsExactly(
                file + ":2:10: warning: api.token is written literally in " + file + "; use ${SINCH_API_TOKEN}",
                file + ":3:27: warning: api.tokens.46700000002 is written literally in " + file
                        + "; use ${SINCH_API_TOKEN_46700000002}");
        assertThat(loaded.warnings().toString()).doesNotContain(TOKEN);
        assertThat(loaded.settings().toString()).doesNotContain(TOKEN);
    }

    @Test
    void errorsAboutATokenNeverShowIt() throws IOException {
        String message = errorsOf("api:\n  token: \"" + TOKEN + "${UNCLOSED\"\n  tokens: {\"46700000002\": [" + TOKEN + "]}\n");
        assertThat(message).doesNotContain(TOKEN).isEqualTo(String.join("\n",
                "roster.yaml:2:10: api.token: '${' without a matching '}' or with an invalid variable name",
                "roster.yaml:3:27: api.tokens.46700000002 must be text, not a list"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:9000/v1", "http://[::1]:8080",
            "https://eu1.whatsapp.api.sinch.com"})
    void plainHttpIsAllowedToLoopbackAndHttpsAnywhere(String url) throws IOException {
        assertThat(load("api:\n  baseUrl: " + url + "\n", Map.of()).settings().api().baseUrl()).isEqualTo(URI.create(url));
    }

    @Test
    void plainHttpElsewhereIsAnErrorUnlessAllowed() throws IOException {
        assertThat(errorsOf("api:\n  baseUrl: http://whatsapp.example.invalid\n")).isEqualTo(
                "roster.yaml:2:12: api.baseUrl: plain http to whatsapp.example.invalid would send the token unencrypted;"
                        + " use https, or set api.allowInsecureHttp: true");
        assertThat(load("api:\n  baseUrl: http://whatsapp.example.invalid\n  allowInsecureHttp: true\n", Map.of())
                .settings().api().allowInsecureHttp()).isTrue();
    }

    @Test
    void aBaseUrlMustBeAnHttpUrl() throws IOException {
        assertThat(errorsOf("api:\n  baseUrl: ftp://x\n")).isEqualTo("roster.yaml:2:12: api.baseUrl must be an http(s) URL"
                + " such as https://eu1.whatsapp.api.sinch.com, not 'ftp://x'");
    }

    @Test
    void theJobStoreIsMemoryOrAJdbcMapping() throws IOException {
        assertThat(load("daemon: {jobStore: memory}\n", Map.of()).settings().daemon().jobStore().isMemory()).isTrue();
        assertThat(errorsOf("daemon: {jobStore: redis}\n")).isEqualTo(
                "roster.yaml:1:20: daemon.jobStore must be memory or a mapping {url, user, password}, not 'redis'");
        assertThat(errorsOf("daemon:\n  jobStore: {user: roster}\n")).isEqualTo(
                "roster.yaml:2:13: daemon.jobStore needs a url (or write jobStore: memory)");
    }

    @Test
    void theWriteLockUsesLockFilesUnlessADatabaseIsSet() throws IOException {
        RosterSettings d = SettingsLoader.defaults(Map.of());
        assertThat(d.lock().dir()).isEqualTo(Path.of(".roster", "locks"));
        assertThat(d.lock().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.lockDatabase()).isNull();

        RosterSettings withJobStore = load("daemon:\n  jobStore: {url: \"jdbc:postgresql://db/q\", user: q}\n",
                Map.of()).settings();
        assertThat(withJobStore.lockDatabase()).isEqualTo(withJobStore.daemon().jobStore());

        RosterSettings s = load("""
                lock:
                  dir: /var/lib/roster/locks
                  timeout: 30s
                  url: "jdbc:postgresql://db/locks"
                  user: ci
                  password: "${PGPASSWORD}"
                daemon:
                  jobStore: {url: "jdbc:postgresql://db/q", user: q}
                """, Map.of("PGPASSWORD", "pw")).settings();
        assertThat(s.lock().dir()).isEqualTo(Path.of("/var/lib/roster/locks"));
        assertThat(s.lock().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.lockDatabase()).isEqualTo(new RosterSettings.JobStore("jdbc:postgresql://db/locks", "ci",
                Secret.of("pw")));

        assertThat(errorsOf("lock: {timeout: soon}\n"))
                .isEqualTo("roster.yaml:1:17: lock.timeout must be a duration such as 2m, not 'soon'");
        assertThat(errorsOf("lock: {url: \"redis://db\"}\n")).startsWith("roster.yaml:1:13: lock.url must be");
    }

    @Test
    void aBotIdInTokensMustBeDigits() throws IOException {
        assertThat(errorsOf("api:\n  tokens: {sales: \"${T}\"}\n")).isEqualTo(
                "roster.yaml:2:12: api.tokens: 'sales' is not a bot id (the bot's number in international digits, no '+')");
    }

    @Test
    void aMissingNamedFileIsAnError() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(missing, Map.of()));
        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(missing + ": no such settings file");
    }

    @Test
    void unsafeYamlIsRejectedInSettingsToo() throws IOException {
        assertThat(errorsOf("api:\n  baseUrl: !!java.net.URL [\"https://x\"]\n"))
                .isEqualTo("roster.yaml:2:12: tag !!java.net.URL is not allowed; write plain YAML values");
        assertThat(errorsOf("api: {}\napi: {}\n")).isEqualTo("roster.yaml:2:1: duplicate key 'api' (first at roster.yaml:1:1)");
    }

    @Test
    void warningsListIsImmutable() throws IOException {
        List<Diagnostic> warnings = load("api: {token: x}\n", Map.of()).warnings();
        assertThat(warnings).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> warnings.add(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void plainHttpGitUrlToAnotherHostIsRefusedAtLoadWithoutShowingItsPassword() throws IOException {
        String message = errorsOf("daemon:\n  git:\n    url: http://bob:s3cret-pw@git.example.invalid/groups.git\n");
        assertThat(message).isEqualTo("roster.yaml:3:10: daemon.git.url: plain http to git.example.invalid would"
                + " send credentials and the desired state unencrypted; use https or ssh, or set"
                + " daemon.git.allowInsecureHttp: true");
        assertThat(errorsOf("daemon: {git: {url: \"git://git.example.invalid/groups.git\"}}\n"))
                .contains("plain git to git.example.invalid");
        assertThat(errorsOf("daemon: {git: {url: \"ftp://bob:s3cret-pw@git.example.invalid/g\"}}\n"))
                .isEqualTo("roster.yaml:1:21: daemon.git.url must be a git URL (https://, ssh://, user@host:path,"
                        + " file:// or a local path), not 'ftp://***@git.example.invalid/g'");
        for (String allowed : List.of("http://127.0.0.1:8080/g.git", "http://localhost/g.git",
                "https://git.example.invalid/g.git", "ssh://git@git.example.invalid/g.git",
                "git@git.example.invalid:org/g.git", "file:///srv/git/g.git", "/srv/git/g.git")) {
            assertThat(load("daemon: {git: {url: \"" + allowed + "\"}}\n", Map.of()).settings().daemon().git().url())
                    .isEqualTo(allowed);
        }
        assertThat(load("daemon: {git: {url: \"http://git.example.invalid/g.git\", allowInsecureHttp: true}}\n",
                Map.of()).settings().daemon().git().allowInsecureHttp()).isTrue();
    }

    @Test
    void gitCredentialsComeFromTheEnvironmentAndAPasswordInTheUrlIsAWarningThatNeverShowsIt() throws IOException {
        LoadedSettings loaded = load("""
                daemon:
                  git:
                    url: https://git.example.invalid/groups.git
                    username: roster-bot
                    password: ${GIT_TOKEN}
                    sshKey: /etc/roster/id_ed25519
                    knownHosts: /etc/roster/known_hosts
                    timeout: 10s
                """, Map.of("GIT_TOKEN", "tok-git-4711"));
        RosterSettings.Git git = loaded.settings().daemon().git();
        assertThat(git).isEqualTo(new RosterSettings.Git("https://git.example.invalid/groups.git", "main",
                "roster-bot", Secret.of("tok-git-4711"), Path.of("/etc/roster/id_ed25519"),
                Path.of("/etc/roster/known_hosts"), Duration.ofSeconds(10), false));
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.settings().toString()).doesNotContain("tok-git-4711");
        assertThat(RosterSettings.defaults().daemon().git().timeout()).isEqualTo(Duration.ofSeconds(30));

        Path file = write("daemon:\n  git: {url: \"https://bob:s3cret-pw@git.example.invalid/g.git\"}\n");
        LoadedSettings inUrl = SettingsLoader.load(file, Map.of());
        assertThat(inUrl.warnings()).extracting(Diagnostic::toString).containsExactly(file + ":2:14: warning:"
                + " daemon.git.url holds a password written literally in " + file
                + "; use daemon.git.password: ${GIT_TOKEN}");
        assertThat(errorsOf("daemon: {git: {timeout: 0s}}\n")).isEqualTo(
                "roster.yaml:1:25: daemon.git.timeout must be a duration from 1s to 1h such as 30s, not '0s'");
    }
    @Test
    void aSettingsPathThatIsAFolderIsRefusedUnread() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(dir, Map.of()));
        assertThat(e.getMessage()).isEqualTo(dir + ": not a regular file (a directory)");
    }

    @Test
    void aSettingLeftEmptyOrFromAnUnsetVariableKeepsItsDefault() throws IOException {
        LoadedSettings loaded = load("""
                api: {baseUrl: "${ROSTER_API_URL}", maxConcurrency: ~, retry: {maxAttempts: ""}}
                daemon:
                  http: {port: "${ROSTER_PORT}"}
                """, Map.of());
        assertThat(loaded.settings()).isEqualTo(SettingsLoader.defaults(Map.of()));
    }

    @Test
    void aBrokenVariableReferenceIsOneErrorNotAlsoAnEmptyValue() throws IOException {
        assertThat(errorsOf("daemon: {jobStore: \"${PGURL\"}\n")).isEqualTo(
                "roster.yaml:1:20: daemon.jobStore: '${' without a matching '}' or with an invalid variable name");
    }

    @Test
    void tokensMustBeAMappingOfBotIds() throws IOException {
        assertThat(errorsOf("api: {tokens: [\"${T}\"]}\n"))
                .isEqualTo("roster.yaml:1:15: 'api.tokens' must be a mapping of bot ids to tokens, not a list");
    }

    @Test
    void aGitUrlWithAnAddressInBracketsNamesItAndOneWithoutAHostIsNoGitUrl() throws IOException {
        assertThat(errorsOf("daemon: {git: {url: \"http://[2001:db8::1]:8080/groups.git\"}}\n")).isEqualTo(
                "roster.yaml:1:21: daemon.git.url: plain http to [2001:db8::1] would send credentials and the desired"
                        + " state unencrypted; use https or ssh, or set daemon.git.allowInsecureHttp: true");
        assertThat(load("daemon: {git: {url: \"http://[::1]:8080/groups.git\"}}\n", Map.of()).settings().daemon().git()
                .url()).isEqualTo("http://[::1]:8080/groups.git");
        for (String noHost : List.of("https://:8080/groups.git", "https://[::1/groups.git")) {
            assertThat(errorsOf("daemon: {git: {url: \"" + noHost + "\"}}\n")).isEqualTo(
                    "roster.yaml:1:21: daemon.git.url must be a git URL (https://, ssh://, user@host:path, file://"
                            + " or a local path), not '" + noHost + "'");
        }
    }
}
