package dev.roster.config;

import dev.roster.api.RequestRate;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.Provider;
import dev.roster.model.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The application settings ({@code config/roster.yaml}), typed and validated. Every key has a default.
 *
 * @param notifications the {@code notify} section ({@code notify} itself is a method of every object)
 */
public record RosterSettings(Api api, Numbers numbers, Reconcile reconcile, Daemon daemon, Audit audit, Lock lock,
        Notify notifications, Invites invites) {

    /** The settings without invite messages. */
    public RosterSettings(Api api, Numbers numbers, Reconcile reconcile, Daemon daemon, Audit audit, Lock lock,
            Notify notifications) {
        this(api, numbers, reconcile, daemon, audit, lock, notifications, Invites.OFF);
    }

    /**
     * What a bot's provider can do, with the limits configured: {@code reconcile.subjectMaxLength} for the v1 API,
     * {@code api.cloud.maxParticipants} for the Cloud API.
     */
    public Capabilities capabilitiesOf(BotId bot) {
        return capabilitiesOf(api.providerOf(bot));
    }

    /** What {@code provider} can do, with the limits configured. */
    public Capabilities capabilitiesOf(Provider provider) {
        return switch (provider) {
            case SINCH -> Capabilities.sinch(reconcile.subjectMaxLength());
            case CLOUD -> Capabilities.cloud(api.cloud().maxParticipants());
        };
    }

    /** The settings with notifications off. */
    public RosterSettings(Api api, Numbers numbers, Reconcile reconcile, Daemon daemon, Audit audit, Lock lock) {
        this(api, numbers, reconcile, daemon, audit, lock, Notify.off());
    }

    /** The settings with the default {@link Lock}. */
    public RosterSettings(Api api, Numbers numbers, Reconcile reconcile, Daemon daemon, Audit audit) {
        this(api, numbers, reconcile, daemon, audit, Lock.defaults());
    }

    /**
     * @param token  the default token; null when none is configured (e.g. SINCH_API_TOKEN unset)
     * @param tokens per-bot tokens, which win over {@code token}
     * @param allowInsecureHttp allow a plain-http base URL that is not loopback
     * @param callTimeout the longest one attempt of a call may take in all, answer included
     * @param runTimeout  the longest one run (plan, apply, a daemon run of a bot) may take
     */
    public record Api(
            URI baseUrl,
            Secret token,
            Map<BotId, Secret> tokens,
            int maxConcurrency,
            RequestRate requestsPerSecond,
            Duration connectTimeout,
            Duration readTimeout,
            RetryPolicy retry,
            boolean allowInsecureHttp,
            Duration callTimeout,
            Duration runTimeout,
            Provider provider,
            Map<BotId, BotApi> bots,
            Secret cloudToken,
            Cloud cloud) {

        /** The Graph API base of the Cloud API, with the version roster speaks. */
        public static final URI CLOUD_BASE_URL = URI.create("https://graph.facebook.com/v23.0");
        /** The v1 API's default region. */
        public static final URI SINCH_BASE_URL = URI.create("https://eu1.whatsapp.api.sinch.com");

        public Api {
            tokens = Map.copyOf(tokens);
            provider = provider == null ? Provider.SINCH : provider;
            bots = Map.copyOf(bots);
            cloud = cloud == null ? Cloud.DEFAULTS : cloud;
        }

        /** Every bot on the v1 API. */
        public Api(URI baseUrl, Secret token, Map<BotId, Secret> tokens, int maxConcurrency, RequestRate requestsPerSecond,
                Duration connectTimeout, Duration readTimeout, RetryPolicy retry, boolean allowInsecureHttp,
                Duration callTimeout, Duration runTimeout) {
            this(baseUrl, token, tokens, maxConcurrency, requestsPerSecond, connectTimeout, readTimeout, retry,
                    allowInsecureHttp, callTimeout, runTimeout, Provider.SINCH, Map.of(), null, Cloud.DEFAULTS);
        }

        /** The provider a bot is managed through: its own {@code api.bots} entry, else {@code api.provider}. */
        public Provider providerOf(BotId bot) {
            BotApi own = bots.get(bot);
            return own != null && own.provider() != null ? own.provider() : provider;
        }

        /**
         * The base URL for a bot: its own, else {@code api.baseUrl} when the bot is on {@code api.provider}, else its
         * provider's public default.
         */
        public URI baseUrlOf(BotId bot) {
            BotApi own = bots.get(bot);
            if (own != null && own.baseUrl() != null) {
                return own.baseUrl();
            }
            Provider p = providerOf(bot);
            if (p == provider) {
                return baseUrl;
            }
            return p == Provider.CLOUD ? CLOUD_BASE_URL : SINCH_BASE_URL;
        }

        /**
         * The token for a bot, or null when none is configured: its {@code api.bots} token, else its
         * {@code api.tokens} entry, else the default of its provider ({@code token} for the v1 API,
         * {@code cloudToken} for the Cloud API).
         */
        public Secret tokenFor(BotId bot) {
            BotApi own = bots.get(bot);
            if (own != null && own.token() != null) {
                return own.token();
            }
            Secret listed = tokens.get(bot);
            if (listed != null) {
                return listed;
            }
            return providerOf(bot) == Provider.CLOUD ? cloudToken : token;
        }

        /** Every URL a bot in {@code bots} is reached at, by provider. */
        public Map<Provider, java.util.Set<URI>> baseUrls(java.util.Collection<BotId> someBots) {
            Map<Provider, java.util.Set<URI>> all = new java.util.EnumMap<>(Provider.class);
            for (BotId bot : someBots) {
                all.computeIfAbsent(providerOf(bot), p -> new java.util.TreeSet<>()).add(baseUrlOf(bot));
            }
            return all;
        }

        public Api withBaseUrl(URI url) {
            return new Api(url, token, tokens, maxConcurrency, requestsPerSecond, connectTimeout, readTimeout, retry,
                    allowInsecureHttp, callTimeout, runTimeout, provider, bots, cloudToken, cloud);
        }

        public Api withToken(Secret newToken) {
            return new Api(baseUrl, newToken, Map.of(), maxConcurrency, requestsPerSecond, connectTimeout, readTimeout,
                    retry, allowInsecureHttp, callTimeout, runTimeout, provider, bots, cloudToken, cloud);
        }

        /** These settings with per-bot overrides replaced (the sandbox points every bot at the simulator). */
        public Api withBots(Map<BotId, BotApi> newBots, Secret newCloudToken) {
            return new Api(baseUrl, token, tokens, maxConcurrency, requestsPerSecond, connectTimeout, readTimeout,
                    retry, allowInsecureHttp, callTimeout, runTimeout, provider, newBots, newCloudToken, cloud);
        }

        /** These settings with other limits, as {@code --parallelism} and {@code --rate} give them for one run. */
        public Api withLimits(int newMaxConcurrency, RequestRate newRequestsPerSecond) {
            return new Api(baseUrl, token, tokens, newMaxConcurrency, newRequestsPerSecond, connectTimeout, readTimeout,
                    retry, allowInsecureHttp, callTimeout, runTimeout, provider, bots, cloudToken, cloud);
        }
    }

    /**
     * One bot's own API settings ({@code api.bots.<id>}); a null field takes the general setting.
     *
     * @param provider the bot's provider
     * @param baseUrl  where the bot's provider is reached
     * @param token    the bot's token
     */
    public record BotApi(Provider provider, URI baseUrl, Secret token) {}

    /**
     * Settings of the Cloud API ({@code api.cloud}).
     *
     * @param maxParticipants most declared participants per group (Meta documents 8; whether the business counts is
     *                        not documented)
     * @param createTimeout   how long apply waits for an asynchronously created group to appear
     */
    public record Cloud(int maxParticipants, Duration createTimeout) {
        public static final Cloud DEFAULTS = new Cloud(Capabilities.CLOUD_MAX_PARTICIPANTS, Duration.ofSeconds(60));
    }

    /**
     * Invite messages ({@code invites}): with {@code send} on, bots whose provider can send messages send each
     * pending declared person the group's invite link once per link.
     *
     * @param template the approved template message carrying the link
     * @param language the template's language code
     * @param dailyCap most invite messages per bot per day (UTC)
     */
    public record Invites(boolean send, String template, String language, int dailyCap) {
        public static final Invites OFF = new Invites(false, "group_invite_link", "en", 100);
    }

    /** @param defaultRegion ISO 3166 region for numbers written in local form, or null */
    public record Numbers(String defaultRegion) {}

    /**
     * @param allowFormatCharacters accept invisible Unicode format characters (bidi controls, zero-width
     *        spaces) in subjects; off by default, since they let one subject look like another
     */
    public record Reconcile(boolean prune, int maxRemovalPercent, int subjectMaxLength,
            boolean allowFormatCharacters, boolean pruneDeletes) {

        /** Prune never deletes a group. */
        public Reconcile(boolean prune, int maxRemovalPercent, int subjectMaxLength, boolean allowFormatCharacters) {
            this(prune, maxRemovalPercent, subjectMaxLength, allowFormatCharacters, false);
        }

        /** Format characters refused (the default). */
        public Reconcile(boolean prune, int maxRemovalPercent, int subjectMaxLength) {
            this(prune, maxRemovalPercent, subjectMaxLength, false);
        }
    }

    /** @param mode {@code apply} or {@code report} */
    public record Daemon(String schedule, String mode, Http http, Git git, JobStore jobStore, Hooks hooks) {
        /** The settings without webhooks. */
        public Daemon(String schedule, String mode, Http http, Git git, JobStore jobStore) {
            this(schedule, mode, http, git, jobStore, Hooks.NONE);
        }

        public Daemon withHooks(Hooks value) {
            return new Daemon(schedule, mode, http, git, jobStore, value);
        }

        /** These settings with {@code value} as the token of the control endpoints and the operator's page. */
        public Daemon withHttpToken(Secret value) {
            return new Daemon(schedule, mode, new Http(http.bind(), http.port(), http.showNumbers(), value), git,
                    jobStore, hooks);
        }
    }

    /**
     * @param token the bearer token of the control endpoints ({@code /api/v1/...}: sync, pause, resume);
     *              null turns them off
     */
    public record Http(String bind, int port, boolean showNumbers, Secret token) {
        /** Without a token: the control endpoints are off. */
        public Http(String bind, int port, boolean showNumbers) {
            this(bind, port, showNumbers, null);
        }
    }

    /**
     * The daemon's webhooks in. A hook without its secret is off (its path answers 404).
     *
     * @param gitSecret   the shared secret of {@code POST /hooks/git}: the HMAC key of GitHub's
     *                    {@code X-Hub-Signature-256} and Gitea's / Forgejo's signature, or GitLab's {@code X-Gitlab-Token}
     * @param sinchSecret the secret of {@code POST /hooks/sinch}, in the callback URL ({@code ?secret=}) or in an
     *                    {@code Authorization: Bearer} header
     * @param debounce    how long events for one bot are gathered before they start a run
     * @param cloudAppSecret   the Meta app secret: the HMAC key of {@code X-Hub-Signature-256} on
     *                         {@code POST /hooks/cloud}; null turns that hook off
     * @param cloudVerifyToken the token Meta's subscription check ({@code GET /hooks/cloud}) must present
     */
    public record Hooks(Secret gitSecret, Secret sinchSecret, Duration debounce, Secret cloudAppSecret,
            Secret cloudVerifyToken) {
        public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);
        public static final Hooks NONE = new Hooks(null, null, DEFAULT_DEBOUNCE);

        /** Without the Cloud API's webhook. */
        public Hooks(Secret gitSecret, Secret sinchSecret, Duration debounce) {
            this(gitSecret, sinchSecret, debounce, null, null);
        }

        public Hooks withSinchSecret(Secret value) {
            return new Hooks(gitSecret, value, debounce, cloudAppSecret, cloudVerifyToken);
        }

        /** These hooks with the Cloud API's app secret (signatures) and verify token (subscription). */
        public Hooks withCloud(Secret appSecret, Secret verifyToken) {
            return new Hooks(gitSecret, sinchSecret, debounce, appSecret, verifyToken);
        }
    }

    /**
     * Where the daemon pulls the desired state from.
     *
     * @param url        empty when the desired state is read from local paths
     * @param username   for https (with {@code password}); null to use the URL's own or none
     * @param password   for https, typically a token; null when none is configured
     * @param sshKey     the private key file for ssh URLs; null for the ssh defaults ({@code ~/.ssh/id_*})
     * @param knownHosts the known_hosts file the ssh server's key must be in; null for {@code ~/.ssh/known_hosts}
     * @param timeout    a fetch that receives nothing for this long fails (whole seconds)
     * @param allowInsecureHttp allow plain http (or git://) to a host that is not loopback
     */
    /**
     * @param webUrl where the repository's files are shown in a browser (such as
     *               {@code https://github.com/org/groups/blob/main}); the operator's page links a group's
     *               {@code file:line} to {@code webUrl/file#Lline}. Null for no links.
     */
    public record Git(String url, String branch, String username, Secret password, Path sshKey, Path knownHosts,
            Duration timeout, boolean allowInsecureHttp, java.net.URI webUrl) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

        public Git(String url, String branch) {
            this(url, branch, null, null, null, null, DEFAULT_TIMEOUT, false);
        }

        /** Without a web URL. */
        public Git(String url, String branch, String username, Secret password, Path sshKey, Path knownHosts,
                Duration timeout, boolean allowInsecureHttp) {
            this(url, branch, username, password, sshKey, knownHosts, timeout, allowInsecureHttp, null);
        }
    }

    /** @param url null for Quartz's in-memory store, else a JDBC URL */
    public record JobStore(String url, String user, Secret password) {
        public boolean isMemory() {
            return url == null || url.isBlank();
        }
    }

    public record Audit(Path file) {}

    /**
     * The per-bot write lock of applies and daemon runs.
     *
     * @param dir      the folder of the lock files, used when no lock database is configured
     * @param timeout  how long {@code roster apply} waits for another writer before giving up
     * @param database a PostgreSQL database for advisory locks ({@code lock: {url, user, password}}); a null url
     *                 falls back to {@code daemon.jobStore}
     */
    public record Lock(Path dir, Duration timeout, JobStore database) {
        public static Lock defaults() {
            return new Lock(Path.of(".roster", "locks"), Duration.ofMinutes(2), new JobStore(null, null, null));
        }
    }

    /**
     * Where the daemon sends word of runs worth a look ({@code notify}).
     *
     * @param targets where to send; none means notifications are off
     * @param on      the kinds to send (all five by default)
     */
    public record Notify(List<NotifyTarget> targets, Set<NotifyKind> on) {
        public Notify {
            targets = List.copyOf(targets);
            on = Set.copyOf(on);
        }

        /** No targets: nothing is sent. */
        public static Notify off() {
            return new Notify(List.of(), Set.of(NotifyKind.values()));
        }

        public boolean isOff() {
            return targets.isEmpty();
        }
    }

    /** What a notification is about. */
    public enum NotifyKind {
        /** Report mode: the live groups differ from the files. */
        DRIFT,
        /** A run failed (a call, a read, the run deadline). */
        FAILED,
        /** A guard (the removal guard, or prune being off) refused a group and nothing else failed. */
        REFUSED,
        /** The desired files did not validate or could not be fetched. */
        INVALID,
        /** A run of all the bot's groups went well after its last notification said failed, refused or invalid. */
        RECOVERED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One place notifications go.
     *
     * @param type   the body's shape
     * @param url    an http(s) URL; a secret, since a Slack incoming-webhook URL (or one with credentials) grants
     *               posting to the channel
     * @param host   the URL's host, the only part of it shown in logs and messages
     * @param secret for {@link NotifyTargetType#WEBHOOK}: signs the body ({@code X-Roster-Signature-256}); null for none
     */
    public record NotifyTarget(NotifyTargetType type, Secret url, String host, Secret secret) {
        /** {@code slack target hooks.slack.com}: names the target without its secret parts. */
        public String describe() {
            return type.label() + " target " + host;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** The shape of a notification's body. */
    public enum NotifyTargetType {
        /** The documented JSON body ({@code docs/daemon.md}, "Notifications"). */
        WEBHOOK,
        /** A Slack-compatible incoming webhook: {@code {"text": "..."}}. */
        SLACK;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The database whose advisory locks fence writers: {@code lock.url}, else the daemon's clustered job store;
     * null when neither is set (then the lock files under {@code lock.dir} fence them).
     */
    public JobStore lockDatabase() {
        if (!lock.database().isMemory()) {
            return lock.database();
        }
        return daemon.jobStore().isMemory() ? null : daemon.jobStore();
    }

    /** The documented defaults, without a token (see {@link SettingsLoader#defaults(java.util.Map)}). */
    public static RosterSettings defaults() {
        return new RosterSettings(
                new Api(URI.create("https://eu1.whatsapp.api.sinch.com"), null, Map.of(), 64,
                        RequestRate.auto(RequestRate.DEFAULT_MAX),
                        Duration.ofSeconds(5), Duration.ofSeconds(30), RetryPolicy.DEFAULT, false,
                        Duration.ofSeconds(30), Duration.ofMinutes(10)),
                new Numbers(null),
                new Reconcile(false, 25, 25),
                new Daemon("0 */5 * * * ?", "apply", new Http("127.0.0.1", 9464, false), new Git("", "main"),
                        new JobStore(null, null, null)),
                new Audit(Path.of("var/audit.jsonl")));
    }

    public RosterSettings withApi(Api newApi) {
        return new RosterSettings(newApi, numbers, reconcile, daemon, audit, lock, notifications, invites);
    }

    public RosterSettings withNotifications(Notify newNotify) {
        return new RosterSettings(api, numbers, reconcile, daemon, audit, lock, newNotify, invites);
    }

    public RosterSettings withDaemon(Daemon newDaemon) {
        return new RosterSettings(api, numbers, reconcile, newDaemon, audit, lock, notifications, invites);
    }

    public RosterSettings withAudit(Audit newAudit) {
        return new RosterSettings(api, numbers, reconcile, daemon, newAudit, lock, notifications, invites);
    }

    public RosterSettings withInvites(Invites newInvites) {
        return new RosterSettings(api, numbers, reconcile, daemon, audit, lock, notifications, newInvites);
    }
}
