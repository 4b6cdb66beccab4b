package dev.roster.config;

import dev.roster.api.RequestRate;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.Provider;
import dev.roster.model.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the application settings ({@code config/roster.yaml}) into {@link RosterSettings}. Every key is
 * optional; {@code ${VAR}} and {@code ${VAR:-default}} are expanded from the given environment, and a
 * value that is empty after expansion counts as absent (so an unset {@code SINCH_API_TOKEN} means "no
 * token", not an error). Unknown keys, wrong types and out-of-range values are errors with their
 * position; all of a file's errors are reported together.
 */
public final class SettingsLoader {
    /** Read when no file is named and it exists, relative to the working directory. */
    public static final Path DEFAULT_FILE = Path.of("config", "roster.yaml");
    public static final String TOKEN_VARIABLE = "SINCH_API_TOKEN";
    /** The default token of the Cloud API's bots. */
    public static final String CLOUD_TOKEN_VARIABLE = "WHATSAPP_CLOUD_TOKEN";

    private static final Set<String> ROOT_KEYS = Set.of("api", "numbers", "reconcile", "daemon", "audit", "lock",
            "notify", "invites");
    private static final Set<String> API_KEYS = Set.of("baseUrl", "token", "tokens", "maxConcurrency",
            "requestsPerSecond", "maxRequestsPerSecond", "connectTimeout", "readTimeout", "retry", "allowInsecureHttp", "callTimeout", "runTimeout",
            "provider", "bots", "cloud");
    private static final Set<String> BOT_API_KEYS = Set.of("provider", "baseUrl", "token");
    private static final Set<String> CLOUD_KEYS = Set.of("maxParticipants", "createTimeout");
    private static final Set<String> INVITES_KEYS = Set.of("send", "template", "language", "dailyCap");
    private static final Set<String> RETRY_KEYS = Set.of("maxAttempts", "initialBackoff", "maxBackoff", "maxTotal");
    private static final Set<String> NUMBERS_KEYS = Set.of("defaultRegion");
    private static final Set<String> RECONCILE_KEYS =
            Set.of("prune", "maxRemovalPercent", "subjectMaxLength", "allowFormatCharacters", "pruneDeletes");
    private static final Set<String> DAEMON_KEYS = Set.of("schedule", "mode", "http", "git", "jobStore", "hooks");
    private static final Set<String> HTTP_KEYS = Set.of("bind", "port", "showNumbers", "token");
    private static final Set<String> HOOKS_KEYS = Set.of("gitSecret", "sinchSecret", "debounce", "cloudAppSecret",
            "cloudVerifyToken");
    private static final Set<String> GIT_KEYS = Set.of("url", "branch", "username", "password", "sshKey",
            "knownHosts", "timeout", "allowInsecureHttp", "webUrl");
    private static final Set<String> JOB_STORE_KEYS = Set.of("url", "user", "password");
    private static final Set<String> AUDIT_KEYS = Set.of("file");
    private static final Set<String> NOTIFY_KEYS = Set.of("targets", "on");
    private static final Set<String> LOCK_KEYS = Set.of("dir", "timeout", "url", "user", "password");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern BOT_DIGITS = Pattern.compile("[1-9][0-9]{6,14}");
    /** A bot id in {@code api.bots}: a number in international digits, or a Cloud API phone-number id. */
    private static final Pattern BOT_ID = Pattern.compile("[1-9][0-9]{6,19}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
    private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9_]{1,512}");

    private SettingsLoader() {}

    /**
     * @param fileOrNull the settings file; null reads {@link #DEFAULT_FILE} when it exists, else the defaults
     * @param env        the environment for {@code ${VAR}} expansion ({@code System.getenv()} in production)
     */
    public static LoadedSettings load(Path fileOrNull, Map<String, String> env) throws ConfigException {
        Objects.requireNonNull(env, "env");
        Path file = fileOrNull;
        if (file == null) {
            if (!Files.exists(DEFAULT_FILE)) {
                return new LoadedSettings(defaults(env), List.of());
            }
            file = DEFAULT_FILE;
        }
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new ConfigException(List.of(Diagnostic.error(null, name + ": no such settings file")));
        }
        SafeYaml.Parsed parsed = SafeYaml.read(file, name);
        if (!parsed.errors().isEmpty()) {
            throw new ConfigException(parsed.errors());
        }
        if (parsed.root() == null) {
            return new LoadedSettings(defaults(env), List.of());
        }
        return new Reading(name, env).read(parsed.root());
    }

    /**
     * The defaults, with the token taken from {@code SINCH_API_TOKEN} and the Cloud API's token from
     * {@code WHATSAPP_CLOUD_TOKEN} in {@code env}.
     */
    public static RosterSettings defaults(Map<String, String> env) {
        RosterSettings d = RosterSettings.defaults();
        RosterSettings.Api api = d.api().withToken(secretOrNull(env.get(TOKEN_VARIABLE)));
        return d.withApi(api.withBots(api.bots(), secretOrNull(env.get(CLOUD_TOKEN_VARIABLE))));
    }

    /**
     * Why a base URL must not be used, or null when it may: plain http is allowed only to loopback
     * (127.0.0.0/8, localhost, [::1]) unless {@code allowInsecureHttp}.
     */
    public static String insecureUrlProblem(URI url, boolean allowInsecureHttp) {
        if (allowInsecureHttp || !"http".equalsIgnoreCase(url.getScheme()) || isLoopback(url.getHost())) {
            return null;
        }
        return "plain http to " + url.getHost() + " would send the token unencrypted; use https,"
                + " or set api.allowInsecureHttp: true";
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static Secret secretOrNull(String value) {
        return value == null || value.isEmpty() ? null : Secret.of(value);
    }

    /** One reading of one file: collects errors and warnings, then builds the settings. */
    private static final class Reading implements NotifyReading.Values {
        private final String file;
        private final Map<String, String> env;
        private final List<Diagnostic> errors = new ArrayList<>();
        private final List<Diagnostic> warnings = new ArrayList<>();
        private final NodeReader reader;

        Reading(String file, Map<String, String> env) {
            this.file = file;
            this.env = env;
            this.reader = new NodeReader(file, errors);
        }

        LoadedSettings read(Node root) {
            RosterSettings d = defaults(env);
            Map<String, NodeTuple> top = reader.mapping(root, "the settings file", "", ROOT_KEYS);
            if (top == null) {
                throw new ConfigException(errors);
            }
            RosterSettings.Api api = api(section(top, "api", API_KEYS), d.api());
            RosterSettings.Numbers numbers = numbers(section(top, "numbers", NUMBERS_KEYS), d.numbers());
            RosterSettings.Reconcile reconcile = reconcile(section(top, "reconcile", RECONCILE_KEYS), d.reconcile());
            RosterSettings.Daemon daemon = daemon(section(top, "daemon", DAEMON_KEYS), d.daemon());
            Path auditFile = value(section(top, "audit", AUDIT_KEYS), "file", "audit.", d.audit().file(),
                    this::path, "a file path");
            RosterSettings.Lock lock = lock(section(top, "lock", LOCK_KEYS), d.lock());
            RosterSettings.Notify notify = new NotifyReading(reader, warnings, this)
                    .read(section(top, "notify", NOTIFY_KEYS), d.notifications());
            RosterSettings.Invites invites = invites(section(top, "invites", INVITES_KEYS), d.invites());
            if (!errors.isEmpty()) {
                throw new ConfigException(errors);
            }
            return new LoadedSettings(new RosterSettings(api, numbers, reconcile, daemon,
                    new RosterSettings.Audit(auditFile), lock, notify, invites), warnings);
        }

        private Map<String, NodeTuple> section(Map<String, NodeTuple> parent, String key, Set<String> keys) {
            return section(parent, key, "", keys);
        }

        /** A nested mapping; empty when absent or not a mapping (the latter reported). */
        private Map<String, NodeTuple> section(Map<String, NodeTuple> parent, String key, String prefix,
                Set<String> keys) {
            NodeTuple t = parent.get(key);
            if (t == null || NodeReader.isNull(t.getValueNode())) {
                return Map.of();
            }
            Map<String, NodeTuple> m = reader.mapping(t.getValueNode(), "'" + prefix + key + "'",
                    prefix + key + ".", keys);
            return m == null ? Map.of() : m;
        }

        private RosterSettings.Api api(Map<String, NodeTuple> m, RosterSettings.Api d) {
            Provider provider = provider(m, "api.", d.provider());
            URI baseUrl = value(m, "baseUrl", "api.",
                    provider == Provider.CLOUD ? RosterSettings.Api.CLOUD_BASE_URL : d.baseUrl(), this::httpUrl,
                    "an http(s) URL such as " + (provider == Provider.CLOUD ? RosterSettings.Api.CLOUD_BASE_URL
                            : RosterSettings.Api.SINCH_BASE_URL));
            // api.token is the token of api.provider, as api.baseUrl is its base URL
            boolean tokenGiven = m.containsKey("token");
            Secret given = tokenGiven ? secret(m.get("token"), "api.token",
                    "${" + (provider == Provider.CLOUD ? CLOUD_TOKEN_VARIABLE : TOKEN_VARIABLE) + "}") : null;
            Secret token = tokenGiven && provider == Provider.SINCH ? given : d.token();
            Secret cloudToken = tokenGiven && provider == Provider.CLOUD ? given : d.cloudToken();
            Map<BotId, Secret> tokens = tokens(m.get("tokens"));
            int maxConcurrency = value(m, "maxConcurrency", "api.", d.maxConcurrency(), range(1, 1024),
                    "a whole number from 1 to 1024");
            RequestRate rps = requestRate(m, d.requestsPerSecond());
            Duration connect = value(m, "connectTimeout", "api.", d.connectTimeout(), this::positiveDuration,
                    "a duration above zero such as 5s");
            Duration read = value(m, "readTimeout", "api.", d.readTimeout(), this::positiveDuration,
                    "a duration above zero such as 30s");
            Duration call = value(m, "callTimeout", "api.", d.callTimeout(), this::positiveDuration,
                    "a duration above zero such as 30s");
            Duration run = value(m, "runTimeout", "api.", d.runTimeout(), this::positiveDuration,
                    "a duration above zero such as 10m");
            RetryPolicy retry = retry(section(m, "retry", "api.", RETRY_KEYS), d.retry());
            boolean allowInsecure = flag(m, "allowInsecureHttp", "api.", d.allowInsecureHttp());
            checkInsecure(m.get("baseUrl"), "api.baseUrl", baseUrl, allowInsecure);
            Map<BotId, RosterSettings.BotApi> bots = bots(m.get("bots"), provider, allowInsecure);
            RosterSettings.Cloud cloud = cloud(section(m, "cloud", "api.", CLOUD_KEYS), d.cloud());
            return new RosterSettings.Api(baseUrl, token, tokens, maxConcurrency, rps, connect, read, retry,
                    allowInsecure, call, run, provider, bots, cloudToken, cloud);
        }

        /**
         * {@code api.requestsPerSecond} ({@code auto} or a number) and {@code api.maxRequestsPerSecond} (the most
         * {@code auto} may reach; a fixed rate above it is an error).
         */
        private RequestRate requestRate(Map<String, NodeTuple> m, RequestRate d) {
            Double max = value(m, "maxRequestsPerSecond", "api.", null, this::positiveRate,
                    "a number above 0 and at most 100000");
            Optional<Double> fixed = value(m, "requestsPerSecond", "api.", d.auto() ? Optional.empty()
                    : Optional.of(d.perSecond()), s -> s.equals("auto") ? Optional.empty()
                    : positiveRate(s) == null ? null : Optional.of(positiveRate(s)),
                    "auto or a number above 0 and at most 100000");
            if (fixed.isEmpty()) {
                return RequestRate.auto(max != null ? max : d.auto() ? d.perSecond() : RequestRate.DEFAULT_MAX);
            }
            if (max != null && fixed.get() > max) {
                reader.error(m.get("requestsPerSecond").getValueNode(), "api.requestsPerSecond ("
                        + RequestRate.fixed(fixed.get()) + ") is above api.maxRequestsPerSecond ("
                        + RequestRate.fixed(max) + "); set it to auto or lower it");
            }
            return RequestRate.fixed(fixed.get());
        }

        private void checkInsecure(NodeTuple urlEntry, String path, URI url, boolean allowInsecure) {
            String insecure = insecureUrlProblem(url, allowInsecure);
            if (insecure != null) {
                reader.error(urlEntry != null ? urlEntry.getValueNode() : null, path + ": " + insecure);
            }
        }

        /** {@code provider: sinch | cloud} in {@code m}; {@code d} when absent or wrong (the latter reported). */
        private Provider provider(Map<String, NodeTuple> m, String prefix, Provider d) {
            List<String> names = java.util.Arrays.stream(Provider.values()).map(Provider::settingName).toList();
            String name = value(m, "provider", prefix, null, s -> s, "sinch or cloud");
            if (name == null) {
                return d;
            }
            Provider p = Provider.fromSettingName(name);
            if (p == null) {
                reader.error(m.get("provider").getValueNode(), NodeReader.notOneOf(prefix + "provider", name, names));
                return d;
            }
            return p;
        }

        /** {@code api.bots}: each bot's own provider, base URL and token. */
        private Map<BotId, RosterSettings.BotApi> bots(NodeTuple t, Provider general, boolean allowInsecure) {
            if (t == null || NodeReader.isNull(t.getValueNode())) {
                return Map.of();
            }
            if (!(t.getValueNode() instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
                reader.error(t.getValueNode(), "'api.bots' must be a mapping of bot ids to {provider, baseUrl, token},"
                        + " not " + NodeReader.kind(t.getValueNode()));
                return Map.of();
            }
            Map<BotId, RosterSettings.BotApi> bots = new LinkedHashMap<>();
            for (NodeTuple entry : mapping.getValue()) {
                String bot = ((ScalarNode) entry.getKeyNode()).getValue().strip();
                if (!BOT_ID.matcher(bot).matches()) {
                    reader.error(entry.getKeyNode(), "api.bots: '" + bot + "' is not a bot id (the bot's number in"
                            + " international digits, no '+', or its Cloud API phone-number id)");
                    continue;
                }
                String prefix = "api.bots." + bot + ".";
                if (NodeReader.isNull(entry.getValueNode())) {
                    continue;
                }
                Map<String, NodeTuple> m = reader.mapping(entry.getValueNode(), "'api.bots." + bot + "'", prefix,
                        BOT_API_KEYS);
                if (m == null) {
                    continue;
                }
                Provider provider = provider(m, prefix, null);
                Provider effective = provider == null ? general : provider;
                URI baseUrl = value(m, "baseUrl", prefix, null, this::httpUrl, "an http(s) URL such as "
                        + (effective == Provider.CLOUD ? RosterSettings.Api.CLOUD_BASE_URL
                                : RosterSettings.Api.SINCH_BASE_URL));
                if (baseUrl != null) {
                    checkInsecure(m.get("baseUrl"), prefix + "baseUrl", baseUrl, allowInsecure);
                }
                Secret token = m.containsKey("token") ? secret(m.get("token"), prefix + "token", "${"
                        + (effective == Provider.CLOUD ? CLOUD_TOKEN_VARIABLE : TOKEN_VARIABLE) + "_" + bot + "}")
                        : null;
                bots.put(BotId.of(bot), new RosterSettings.BotApi(provider, baseUrl, token));
            }
            return bots;
        }

        private RosterSettings.Cloud cloud(Map<String, NodeTuple> m, RosterSettings.Cloud d) {
            int max = value(m, "maxParticipants", "api.cloud.", d.maxParticipants(), range(1, 256),
                    "a whole number from 1 to 256");
            Duration create = value(m, "createTimeout", "api.cloud.", d.createTimeout(), this::positiveDuration,
                    "a duration above zero such as 60s");
            return new RosterSettings.Cloud(max, create);
        }

        private RosterSettings.Invites invites(Map<String, NodeTuple> m, RosterSettings.Invites d) {
            boolean send = flag(m, "send", "invites.", d.send());
            String template = value(m, "template", "invites.", d.template(),
                    s -> TEMPLATE.matcher(s).matches() ? s : null,
                    "a template name of lower-case letters, digits and '_' such as group_invite_link");
            String language = value(m, "language", "invites.", d.language(),
                    s -> LANGUAGE.matcher(s).matches() ? s : null, "a language code such as en or pt_BR");
            int cap = value(m, "dailyCap", "invites.", d.dailyCap(), range(1, 100_000),
                    "a whole number from 1 to 100000");
            return new RosterSettings.Invites(send, template, language, cap);
        }

        private RetryPolicy retry(Map<String, NodeTuple> m, RetryPolicy d) {
            int attempts = value(m, "maxAttempts", "api.retry.", d.maxAttempts(), range(1, 100),
                    "a whole number from 1 to 100");
            Duration initial = value(m, "initialBackoff", "api.retry.", d.initialBackoff(), Durations::parse,
                    "a duration such as 200ms");
            Duration max = value(m, "maxBackoff", "api.retry.", d.maxBackoff(), Durations::parse,
                    "a duration such as 10s");
            Duration total = value(m, "maxTotal", "api.retry.", d.maxTotal(), Durations::parse,
                    "a duration such as 60s");
            if (max.compareTo(initial) < 0) {
                NodeTuple at = m.containsKey("maxBackoff") ? m.get("maxBackoff") : m.get("initialBackoff");
                reader.error(at.getValueNode(), "api.retry.maxBackoff (" + Durations.format(max)
                        + ") must not be shorter than api.retry.initialBackoff (" + Durations.format(initial) + ")");
            }
            return new RetryPolicy(attempts, initial, max, total);
        }

        private Map<BotId, Secret> tokens(NodeTuple t) {
            if (t == null || NodeReader.isNull(t.getValueNode())) {
                return Map.of();
            }
            if (!(t.getValueNode() instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
                reader.error(t.getValueNode(), "'api.tokens' must be a mapping of bot ids to tokens, not "
                        + NodeReader.kind(t.getValueNode()));
                return Map.of();
            }
            Map<BotId, Secret> tokens = new LinkedHashMap<>();
            for (NodeTuple entry : mapping.getValue()) {
                String bot = ((ScalarNode) entry.getKeyNode()).getValue().strip();
                if (!BOT_DIGITS.matcher(bot).matches()) {
                    reader.error(entry.getKeyNode(), "api.tokens: '" + bot
                            + "' is not a bot id (the bot's number in international digits, no '+')");
                    continue;
                }
                Secret s = secret(entry, "api.tokens." + bot, "${SINCH_API_TOKEN_" + bot + "}");
                if (s != null) {
                    tokens.put(BotId.of(bot), s);
                }
            }
            return tokens;
        }

        private RosterSettings.Numbers numbers(Map<String, NodeTuple> m, RosterSettings.Numbers d) {
            String region = value(m, "defaultRegion", "numbers.", d.defaultRegion(),
                    s -> PhoneNumbers.isSupportedRegion(s) ? s.toUpperCase(Locale.ROOT) : null,
                    "a region code such as SE or GB");
            return new RosterSettings.Numbers(region);
        }

        private RosterSettings.Reconcile reconcile(Map<String, NodeTuple> m, RosterSettings.Reconcile d) {
            boolean prune = flag(m, "prune", "reconcile.", d.prune());
            int percent = value(m, "maxRemovalPercent", "reconcile.", d.maxRemovalPercent(), range(0, 100),
                    "a whole number from 0 to 100");
            int subject = value(m, "subjectMaxLength", "reconcile.", d.subjectMaxLength(), range(1, 1000),
                    "a whole number from 1 to 1000");
            boolean formatCharacters = flag(m, "allowFormatCharacters", "reconcile.", d.allowFormatCharacters());
            boolean pruneDeletes = flag(m, "pruneDeletes", "reconcile.", d.pruneDeletes());
            return new RosterSettings.Reconcile(prune, percent, subject, formatCharacters, pruneDeletes);
        }

        private RosterSettings.Daemon daemon(Map<String, NodeTuple> m, RosterSettings.Daemon d) {
            String schedule = value(m, "schedule", "daemon.", d.schedule(), this::cron,
                    "a Quartz cron expression such as \"0 */5 * * * ?\"");
            String mode = value(m, "mode", "daemon.", d.mode(),
                    s -> s.equals("apply") || s.equals("report") ? s : null, "apply or report");
            Map<String, NodeTuple> http = section(m, "http", "daemon.", HTTP_KEYS);
            RosterSettings.Http h = new RosterSettings.Http(
                    value(http, "bind", "daemon.http.", d.http().bind(), s -> s, "a host or address"),
                    value(http, "port", "daemon.http.", d.http().port(), range(0, 65535),
                            "a port from 0 to 65535"),
                    flag(http, "showNumbers", "daemon.http.", d.http().showNumbers()),
                    http.containsKey("token") ? secret(http.get("token"), "daemon.http.token", "${ROSTER_HTTP_TOKEN}")
                            : d.http().token());
            RosterSettings.Git g = git(section(m, "git", "daemon.", GIT_KEYS), d.git());
            return new RosterSettings.Daemon(schedule, mode, h, g, jobStore(m.get("jobStore"), d.jobStore()),
                    hooks(section(m, "hooks", "daemon.", HOOKS_KEYS), d.hooks()));
        }

        private RosterSettings.Hooks hooks(Map<String, NodeTuple> m, RosterSettings.Hooks d) {
            Secret git = m.containsKey("gitSecret")
                    ? secret(m.get("gitSecret"), "daemon.hooks.gitSecret", "${ROSTER_GIT_HOOK_SECRET}") : d.gitSecret();
            Secret sinch = m.containsKey("sinchSecret")
                    ? secret(m.get("sinchSecret"), "daemon.hooks.sinchSecret", "${ROSTER_SINCH_HOOK_SECRET}")
                    : d.sinchSecret();
            Duration debounce = value(m, "debounce", "daemon.hooks.", d.debounce(), s -> {
                Duration t = Durations.parse(s);
                return t == null || t.isNegative() || t.compareTo(Duration.ofMinutes(1)) > 0 ? null : t;
            }, "a duration from 0s to 1m such as 300ms");
            Secret appSecret = m.containsKey("cloudAppSecret") ? secret(m.get("cloudAppSecret"),
                    "daemon.hooks.cloudAppSecret", "${ROSTER_CLOUD_APP_SECRET}") : d.cloudAppSecret();
            Secret verifyToken = m.containsKey("cloudVerifyToken") ? secret(m.get("cloudVerifyToken"),
                    "daemon.hooks.cloudVerifyToken", "${ROSTER_CLOUD_VERIFY_TOKEN}") : d.cloudVerifyToken();
            return new RosterSettings.Hooks(git, sinch, debounce, appSecret, verifyToken);
        }

        /** The URL, checked for a form git can fetch from; an error never shows a password it holds. */
        private String gitUrl(NodeTuple t, String d) {
            if (t == null) {
                return d;
            }
            Node node = t.getValueNode();
            String v = expand(node, reader.text(node, "daemon.git.url"), "daemon.git.url");
            if (v == null || v.isBlank()) {
                return d;
            }
            if (GitUrls.parse(v.strip()) == null) {
                reader.error(node, "daemon.git.url must be a git URL (https://, ssh://, user@host:path, file://"
                        + " or a local path), not '" + GitUrls.redact(v) + "'");
                return d;
            }
            return v.strip();
        }

        private RosterSettings.Git git(Map<String, NodeTuple> m, RosterSettings.Git d) {
            String url = gitUrl(m.get("url"), d.url());
            String branch = value(m, "branch", "daemon.git.", d.branch(), s -> s, "a branch name");
            String username = value(m, "username", "daemon.git.", d.username(), s -> s, "a user name");
            Secret password = m.containsKey("password")
                    ? secret(m.get("password"), "daemon.git.password", "${GIT_TOKEN}") : d.password();
            Path sshKey = value(m, "sshKey", "daemon.git.", d.sshKey(), this::path, "a file path");
            Path knownHosts = value(m, "knownHosts", "daemon.git.", d.knownHosts(), this::path, "a file path");
            Duration timeout = value(m, "timeout", "daemon.git.", d.timeout(), s -> {
                Duration t = Durations.parse(s);
                return t == null || t.compareTo(Duration.ofSeconds(1)) < 0 || t.compareTo(Duration.ofHours(1)) > 0
                        ? null : t;
            }, "a duration from 1s to 1h such as 30s");
            boolean allowInsecure = flag(m, "allowInsecureHttp", "daemon.git.", d.allowInsecureHttp());
            NodeTuple urlEntry = m.get("url");
            if (url != null && !url.isBlank() && urlEntry != null) {
                String insecure = GitUrls.insecureProblem(url, allowInsecure);
                if (insecure != null) {
                    reader.error(urlEntry.getValueNode(), "daemon.git.url: " + insecure);
                } else if (GitUrls.hasPassword(url) && urlEntry.getValueNode() instanceof ScalarNode raw
                        && !raw.getValue().contains("${")) {
                    warnings.add(Diagnostic.warning(reader.at(urlEntry.getValueNode()), "daemon.git.url holds a"
                            + " password written literally in " + file + "; use daemon.git.password: ${GIT_TOKEN}"));
                }
            }
            URI webUrl = value(m, "webUrl", "daemon.git.", d.webUrl(), this::httpUrl,
                    "an http(s) URL of the files in a browser such as https://github.com/org/groups/blob/main");
            return new RosterSettings.Git(url, branch, username, password, sshKey, knownHosts, timeout, allowInsecure,
                    webUrl);
        }

        private RosterSettings.JobStore jobStore(NodeTuple t, RosterSettings.JobStore d) {
            if (t == null || NodeReader.isNull(t.getValueNode())) {
                return d;
            }
            Node node = t.getValueNode();
            if (node instanceof ScalarNode) {
                String v = expand(node, reader.text(node, "daemon.jobStore"), "daemon.jobStore");
                if (v != null && !v.equals("memory")) {
                    reader.error(node, "daemon.jobStore must be memory or a mapping {url, user, password}, not '"
                            + v + "'");
                }
                return d;
            }
            Map<String, NodeTuple> m = reader.mapping(node, "'daemon.jobStore'", "daemon.jobStore.", JOB_STORE_KEYS);
            if (m == null) {
                return d;
            }
            String url = value(m, "url", "daemon.jobStore.", null,
                    s -> s.startsWith("jdbc:") ? s : null, "a JDBC URL such as jdbc:postgresql://host/db");
            if (url == null && !m.containsKey("url")) {
                reader.error(node, "daemon.jobStore needs a url (or write jobStore: memory)");
            }
            String user = value(m, "user", "daemon.jobStore.", null, s -> s, "a user name");
            Secret password = m.containsKey("password")
                    ? secret(m.get("password"), "daemon.jobStore.password", "${PGPASSWORD}") : null;
            return new RosterSettings.JobStore(url, user, password);
        }

        private RosterSettings.Lock lock(Map<String, NodeTuple> m, RosterSettings.Lock d) {
            Path dir = value(m, "dir", "lock.", d.dir(), this::path, "a folder path");
            Duration timeout = value(m, "timeout", "lock.", d.timeout(), Durations::parse, "a duration such as 2m");
            String url = value(m, "url", "lock.", null,
                    s -> s.startsWith("jdbc:postgresql:") ? s : null, "a JDBC URL such as jdbc:postgresql://host/db");
            String user = value(m, "user", "lock.", null, s -> s, "a user name");
            Secret password = m.containsKey("password") ? secret(m.get("password"), "lock.password", "${PGPASSWORD}")
                    : null;
            return new RosterSettings.Lock(dir, timeout, new RosterSettings.JobStore(url, user, password));
        }

        private boolean flag(Map<String, NodeTuple> m, String key, String prefix, boolean d) {
            NodeTuple t = m.get(key);
            if (t == null || NodeReader.isNull(t.getValueNode())) {
                return d;
            }
            Node node = t.getValueNode();
            if (node instanceof ScalarNode scalar && scalar.getValue().contains("${")) {
                String v = expand(node, scalar.getValue(), prefix + key);
                if (v == null || v.isEmpty()) {
                    return d;
                }
                if (v.equals("true") || v.equals("false")) {
                    return Boolean.parseBoolean(v);
                }
                reader.error(node, prefix + key + " must be true or false, not '" + v + "'");
                return d;
            }
            Boolean b = reader.bool(node, prefix + key);
            return b == null ? d : b;
        }

        /**
         * A scalar setting: absent or empty (after expansion) gives the default; text the parser
         * answers null for is reported as not being {@code expected}.
         */
        private <T> T value(Map<String, NodeTuple> m, String key, String prefix, T d, Function<String, T> parser,
                String expected) {
            NodeTuple t = m.get(key);
            if (t == null) {
                return d;
            }
            String path = prefix + key;
            Node node = t.getValueNode();
            String v = expand(node, reader.text(node, path), path);
            if (v == null || v.isEmpty()) {
                return d;
            }
            T parsed = parser.apply(v.strip());
            if (parsed == null) {
                reader.error(node, path + " must be " + expected + ", not '" + v + "'");
                return d;
            }
            return parsed;
        }

        /** A credential: never echoed; written literally (not via ${VAR}) gives a warning. */
        @Override
        public Secret secret(NodeTuple t, String path, String suggestion) {
            Node node = t.getValueNode();
            if (!(node instanceof ScalarNode scalar)) {
                reader.error(node, path + " must be text, not " + NodeReader.kind(node));
                return null;
            }
            if (NodeReader.isNull(scalar)) {
                return null;
            }
            String raw = scalar.getValue();
            if (!raw.isEmpty() && !raw.contains("${")) {
                warnings.add(Diagnostic.warning(reader.at(node),
                        path + " is written literally in " + file + "; use " + suggestion));
            }
            return secretOrNull(expand(node, raw, path));
        }

        /** Expands {@code ${VAR}} and {@code ${VAR:-default}}; an unset variable becomes empty. */
        @Override
        public String expand(Node node, String text, String path) {
            if (text == null || !text.contains("${")) {
                return text;
            }
            Matcher m = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            int last = 0;
            while (m.find()) {
                out.append(text, last, m.start());
                String value = env.get(m.group(1));
                if (value == null || value.isEmpty()) {
                    value = m.group(2) == null ? "" : m.group(2);
                }
                out.append(value);
                last = m.end();
            }
            String rest = text.substring(last);
            if (rest.contains("${")) {
                reader.error(node, path + ": '${' without a matching '}' or with an invalid variable name");
                return null;
            }
            return out.append(rest).toString();
        }

        private static Function<String, Integer> range(int min, int max) {
            return s -> {
                try {
                    int n = Integer.parseInt(s);
                    return n >= min && n <= max ? n : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            };
        }

        private Double positiveRate(String s) {
            try {
                double d = Double.parseDouble(s);
                return d > 0 && d <= 100_000 ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private Duration positiveDuration(String s) {
            Duration d = Durations.parse(s);
            return d == null || d.isZero() ? null : d;
        }

        private URI httpUrl(String s) {
            try {
                URI uri = new URI(s);
                String scheme = uri.getScheme();
                if (scheme == null || uri.getHost() == null
                        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                return null;
            }
        }

        private Path path(String s) {
            try {
                return Path.of(s);
            } catch (InvalidPathException e) {
                return null;
            }
        }

        private String cron(String s) {
            try {
                new CronExpression(s);
                return s;
            } catch (ParseException e) {
                return null;
            }
        }
    }
}
