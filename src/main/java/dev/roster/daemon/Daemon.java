package dev.roster.daemon;

import com.zaxxer.hikari.HikariDataSource;
import dev.roster.api.GroupApi;
import dev.roster.apply.AuditLog;
import dev.roster.apply.CreateRequests;
import dev.roster.apply.FileWriteLock;
import dev.roster.apply.WriteLock;
import dev.roster.apply.JsonlAuditLog;
import dev.roster.config.DesiredStateLoader;
import dev.roster.config.RosterSettings;
import dev.roster.daemon.web.WebUi;
import dev.roster.model.BotId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: scheduler, bot runner, HTTP endpoints. {@link #start} brings it up (the first
 * load and job sync happen before it returns); {@link #stop} stops triggering, lets running groups
 * finish their call in flight, and releases everything.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** How long {@code /readyz} waits for the JDBC job store, and how long its answer is kept. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READY_CACHE = Duration.ofSeconds(1);
    /** The control endpoints take no body worth reading. */
    private static final int CONTROL_BODY = 1024;

    /**
     * What the caller decides beyond the settings.
     *
     * @param paths   desired-state files or directories; relative to the repository root with {@code daemon.git.url}
     * @param node    this node's id (Quartz instance id in a cluster); null picks host name and process id
     * @param gitDir  the git working folder; null picks {@code var/git}
     * @param httpPort overrides {@code daemon.http.port} when not null (0 picks a free port)
     */
    /** @param runAtStart run every bot once right after start, before the first tick */
    public record Options(List<Path> paths, String node, Path gitDir, Integer httpPort, Clock clock,
            QuartzSetup.Options quartz, Consumer<RunRecord> onRun, boolean runAtStart) {
        public Options {
            paths = List.copyOf(paths);
        }

        public static Options of(List<Path> paths) {
            return new Options(paths, null, null, null, Clock.systemUTC(), QuartzSetup.Options.defaults(), r -> { },
                    true);
        }

        public Options withRunAtStart(boolean value) {
            return new Options(paths, node, gitDir, httpPort, clock, quartz, onRun, value);
        }

        /** Also tells {@code listener} about every run (after metrics and status have it). */
        public Options withRunListener(Consumer<RunRecord> listener) {
            return new Options(paths, node, gitDir, httpPort, clock, quartz, listener, runAtStart);
        }

        public Options withNode(String value) {
            return new Options(paths, value, gitDir, httpPort, clock, quartz, onRun, runAtStart);
        }

        public Options withGitDir(Path value) {
            return new Options(paths, node, value, httpPort, clock, quartz, onRun, runAtStart);
        }

        public Options withHttpPort(Integer value) {
            return new Options(paths, node, gitDir, value, clock, quartz, onRun, runAtStart);
        }

        public Options withQuartz(QuartzSetup.Options value) {
            return new Options(paths, node, gitDir, httpPort, clock, value, onRun, runAtStart);
        }
    }

    private final String node;
    private final Scheduler scheduler;
    private final BotRunner runner;
    private final StatusBoard status;
    private final DaemonMetrics metrics;
    private final AuditLog audit;
    private final AutoCloseable source;
    private final HikariDataSource pool;
    private final AtomicBoolean stopping;
    private final CreateRequests creates;
    private HttpEndpoints http;
    private ScheduledExecutorService events;
    private volatile ControlApi control;
    private volatile Webhooks webhooks;
    private volatile CloudHook cloud;
    private Notifier notifier;
    private volatile SharedStatus shared;

    private Daemon(String node, Scheduler scheduler, BotRunner runner, StatusBoard status, DaemonMetrics metrics,
            AuditLog audit, AutoCloseable source, HikariDataSource pool, AtomicBoolean stopping,
            CreateRequests creates) {
        this.node = node;
        this.scheduler = scheduler;
        this.runner = runner;
        this.status = status;
        this.metrics = metrics;
        this.audit = audit;
        this.source = source;
        this.pool = pool;
        this.stopping = stopping;
        this.creates = creates;
    }

    /**
     * Starts the daemon against {@code api} (the cli builds the provider client; this package never does).
     *
     * @throws DaemonException when the scheduler, its database or the HTTP port cannot be set up
     */
    public static Daemon start(RosterSettings settings, GroupApi api, Options options) {
        RosterSettings.Daemon d = settings.daemon();
        String node = options.node() != null ? options.node() : defaultNode();
        DaemonMetrics metrics = new DaemonMetrics(options.clock());
        StatusBoard status = new StatusBoard(node, options.clock());
        metrics.watch(status);
        JobStoreProbe jobStore = d.jobStore().isMemory() ? null : new JobStoreProbe(d.jobStore().url(),
                connectionProperties(d.jobStore(), node), READY_TIMEOUT, READY_CACHE, options.clock());
        AtomicReference<Daemon> started = new AtomicReference<>();
        int port = options.httpPort() != null ? options.httpPort() : d.http().port();
        HttpEndpoints http;
        try {
            // bind first: a daemon that cannot listen must not schedule or reconcile anything
            http = HttpEndpoints.start(d.http().bind(), port, HttpEndpoints.Limits.defaults(),
                    routes(started, status, jobStore, metrics, d.http().showNumbers())
                            .front(new WebUi(new DaemonConsole(started, status, gitWorkDir(d, options)),
                                    d.http().showNumbers(),
                                    d.git().webUrl(), options.clock())));
        } catch (IOException e) {
            throw new DaemonException("cannot start the daemon: " + e.getMessage(), e);
        }
        DesiredStateLoader loader = new DesiredStateLoader(settings);
        DesiredSource source = null;
        HikariDataSource pool = null;
        AuditLog audit = null;
        Daemon daemon = null;
        Scheduler scheduler = null;
        Notifier notifier = Notifier.start(settings, metrics);
        SharedStatus shared = null;
        try {
            Path gitDir = gitWorkDir(d, options);
            if (gitDir != null) {
                source = new GitSource(d.git(), gitDir, options.paths(), loader);
            } else {
                source = new LocalFilesSource(options.paths(), loader);
            }
            QuartzSetup.Options quartz = options.quartz().forSchedule(d.schedule());
            if (d.jobStore().isMemory()) {
                scheduler = QuartzSetup.memory("roster-" + node, quartz);
            } else {
                DatabaseWait.await(DatabaseWait.describe(d.jobStore().url()), () -> DriverManager.getConnection(
                        d.jobStore().url(), connectionProperties(d.jobStore(), node)), DatabaseWait.MAX_WAIT,
                        pause -> Thread.sleep(pause.toMillis()));
                pool = QuartzSetup.pool(d.jobStore(), node);
                scheduler = QuartzSetup.cluster(node, pool, quartz);
                shared = new SharedStatus(pool);
                shared.prepare();
            }
            Consumer<RunRecord> share = shared == null ? run -> { } : shareRuns(shared, status, node);
            BotFence fence = fence(settings, node, options.clock());
            audit = new JsonlAuditLog(settings.audit().file());
            AtomicBoolean stopping = new AtomicBoolean();
            CreateRequests creates = new CreateRequests();
            RunWaiters waiters = new RunWaiters();
            BotRunner runner = new BotRunner(node, source, new InstrumentedGroupApi(api, metrics, stopping::get),
                    settings, fence, audit, metrics, status, options.clock(),
                    waiters.andThen(share).andThen(notifier).andThen(options.onRun()), creates);
            daemon = new Daemon(node, scheduler, runner, status, metrics, audit,
                    source instanceof AutoCloseable c ? c : null, pool, stopping, creates);
            daemon.http = http;
            daemon.notifier = notifier;
            daemon.shared = shared;
            JobSync jobs = new JobSync(scheduler, runner, d.schedule());
            daemon.events = Executors.newSingleThreadScheduledExecutor(daemonThread("roster-events"));
            Scheduler startedScheduler = scheduler;
            RunRequests requests = new RunRequests(d.hooks().debounce(), daemon.events, runner::isRunning,
                    (bot, scope) -> {
                        if (ControlApi.isPaused(startedScheduler, bot)) {
                            LOG.info("bot {} is paused; the run asked for is dropped", bot);
                            return;
                        }
                        startedScheduler.triggerJob(JobSync.jobKey(bot), scope.isAll() ? new JobDataMap()
                                : new JobDataMap(Map.of(ReconcileJob.SCOPE, scope.encode())));
                    });
            daemon.control = new ControlApi(d.http().token(), scheduler, runner, status, requests, waiters,
                    settings.api().runTimeout().plus(d.hooks().debounce()).plusSeconds(5), options.clock());
            daemon.webhooks = new Webhooks(d, requests, runner, jobs, metrics, status, options.clock(),
                    Executors.newSingleThreadExecutor(daemonThread("roster-fetch")));
            daemon.cloud = new CloudHook(d.hooks(), requests, runner, metrics, status, creates, options.clock());
            Set<BotId> bots = jobs.sync();
            scheduler.start();
            started.set(daemon);
            if (options.runAtStart() && bots != null) {
                for (BotId bot : bots) {
                    scheduler.triggerJob(JobSync.jobKey(bot));
                }
            }
            LOG.info("roster daemon {} started: mode {}, schedule '{}', {} job store, http {}", node, d.mode(),
                    d.schedule(), d.jobStore().isMemory() ? "memory" : "clustered JDBC",
                    HttpEndpoints.address(d.http().bind(), http.port()));
            return daemon;
        } catch (SchedulerException | RuntimeException e) {
            if (daemon != null) {
                daemon.stop(Duration.ofSeconds(5));
            } else {
                http.close();
                if (scheduler != null) {
                    Scheduler unused = scheduler;
                    closeQuietly(() -> unused.shutdown(false));
                }
                closeQuietly(audit);
                closeQuietly(notifier);
                closeQuietly(shared);
                if (pool != null) {
                    pool.close();
                }
                if (source instanceof AutoCloseable c) {
                    closeQuietly(c);
                }
            }
            throw new DaemonException("cannot start the daemon: " + e.getMessage(), e);
        }
    }

    /**
     * The endpoints. healthz: the process can work (started, scheduler running, not stopping).
     * readyz: the latest desired state loaded and valid, and the job store (when JDBC) answers.
     */
    private static Router routes(AtomicReference<Daemon> started, StatusBoard status, JobStoreProbe jobStore,
            DaemonMetrics metrics, boolean showNumbers) {
        Supplier<Optional<String>> notReady = () -> {
            Optional<String> problem = status.desiredStateProblem();
            if (problem.isEmpty() && jobStore != null) {
                problem = jobStore.problem();
            }
            return problem;
        };
        return new Router()
                .route("/healthz", () -> {
                    Daemon daemon = started.get();
                    boolean ok = daemon != null && daemon.isHealthy();
                    return Reply.text(ok ? 200 : 503, (ok ? "scheduler running"
                            : daemon == null ? "starting" : "scheduler stopped") + "\n");
                })
                .route("/readyz", () -> {
                    Optional<String> problem = notReady.get();
                    return Reply.text(problem.isEmpty() ? 200 : 503, problem.orElse("ready") + "\n");
                })
                .route("/metrics", () -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()))
                .route("/status", () -> {
                    Daemon daemon = started.get();
                    SharedStatus shared = daemon == null ? null : daemon.shared;
                    return Reply.json(200, status.toJson(showNumbers, notReady.get(),
                            shared == null ? null : shared.read()));
                })
                .post("/hooks/git", Webhooks.MAX_GIT_BODY, call -> started(started, d -> d.webhooks.git(call)))
                .post("/hooks/sinch", Webhooks.MAX_SINCH_BODY, call -> started(started, d -> d.webhooks.sinch(call)))
                .query("/hooks/cloud", call -> started(started, d -> d.cloud.verify(call)))
                .post("/hooks/cloud", CloudHook.MAX_BODY, call -> started(started, d -> d.cloud.receive(call)))
                .post("/api/v1/bots/{bot}/sync", CONTROL_BODY, call -> started(started, d -> d.control.sync(call)))
                .post("/api/v1/bots/{bot}/groups/{key}/sync", CONTROL_BODY,
                        call -> started(started, d -> d.control.sync(call)))
                .post("/api/v1/bots/{bot}/pause", CONTROL_BODY, call -> started(started, d -> d.control.pause(call)))
                .post("/api/v1/bots/{bot}/resume", CONTROL_BODY,
                        call -> started(started, d -> d.control.resume(call)));
    }

    /** The git working folder of the desired state, or null when it is read from local files. */
    private static Path gitWorkDir(RosterSettings.Daemon d, Options options) {
        if (d.git().url() == null || d.git().url().isBlank()) {
            return null;
        }
        return options.gitDir() != null ? options.gitDir() : Path.of("var", "git");
    }

    /** After each run of this node, the bot's status goes to the cluster's table, for /status on every node. */
    private static Consumer<RunRecord> shareRuns(SharedStatus shared, StatusBoard status, String node) {
        return run -> {
            if (run.result() != RunResult.SKIPPED) {
                shared.save(run.bot(), node, run.started().plus(run.duration()), status.sharedJson(run.bot()));
            }
        };
    }

    /** The reply of a route that needs the started daemon; 503 while it starts or stops. */
    private static Reply started(AtomicReference<Daemon> started, java.util.function.Function<Daemon, Reply> route) {
        Daemon daemon = started.get();
        if (daemon == null || daemon.stopping.get()) {
            return Reply.text(503, daemon == null ? "starting\n" : "stopping\n");
        }
        return route.apply(daemon);
    }

    private static ThreadFactory daemonThread(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public String node() {
        return node;
    }

    public int httpPort() {
        return http.port();
    }

    public StatusBoard status() {
        return status;
    }

    public DaemonMetrics metrics() {
        return metrics;
    }

    /** The runner the jobs use; a test or an operator may run a bot outside the schedule with it. */
    public BotRunner runner() {
        return runner;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * The outcomes of the bots' asynchronous creates, as the Cloud API's {@code group_create} webhook
     * ({@code /hooks/cloud}) reports them; the applier waiting for a group it asked for looks here.
     */
    public CreateRequests createRequests() {
        return creates;
    }

    /** The control API, or null before it is set up. */
    ControlApi control() {
        return control;
    }

    boolean isStopping() {
        return stopping.get();
    }

    public boolean isHealthy() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode()
                    && !stopping.get();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /**
     * Stops triggering at once, refuses new API calls (calls in flight finish), waits up to {@code grace}
     * for running jobs, then releases the HTTP port, audit log, git folder and database pool.
     */
    public synchronized void stop(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.info("roster daemon {} stopping", node);
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            LOG.warn("cannot put the scheduler in standby: {}", e.getMessage());
        }
        Thread shutdown = new Thread(() -> {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException e) {
                LOG.warn("scheduler shutdown: {}", e.getMessage());
            }
        }, "roster-scheduler-shutdown");
        shutdown.start();
        try {
            shutdown.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shutdown.isAlive()) {
            LOG.warn("runs still going after {} s; stopping without them", grace.toSeconds());
        }
        if (http != null) {
            http.close();
        }
        if (events != null) {
            events.shutdownNow();
        }
        closeQuietly(webhooks);
        closeQuietly(audit);
        closeQuietly(notifier);
        closeQuietly(shared);
        closeQuietly(source);
        if (pool != null) {
            pool.close();
        }
        metrics.close();
        LOG.info("roster daemon {} stopped", node);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }

    /**
     * The bots' write lock: PostgreSQL advisory locks with a lock database ({@code lock.url} or the clustered job
     * store), else the lock files under {@code lock.dir}; either way a {@code roster apply} takes the same lock.
     */
    private static BotFence fence(RosterSettings settings, String node, Clock clock) {
        RosterSettings.JobStore database = settings.lockDatabase();
        if (database != null) {
            return new AdvisoryLockFence(() -> DriverManager.getConnection(database.url(),
                    connectionProperties(database, node)));
        }
        return BotFence.of(new FileWriteLock(settings.lock().dir(),
                () -> WriteLock.Owner.current("roster daemon " + node, clock.instant())));
    }

    private static Properties connectionProperties(RosterSettings.JobStore store, String node) {
        Properties p = new Properties();
        if (store.user() != null) {
            p.setProperty("user", store.user());
        }
        if (store.password() != null) {
            p.setProperty("password", store.password().reveal());
        }
        p.setProperty("ApplicationName", "roster-" + node);
        return p;
    }

    private static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "node";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("while stopping: {}", e.getMessage());
        }
    }
}
