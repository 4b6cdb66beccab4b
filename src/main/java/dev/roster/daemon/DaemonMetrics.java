package dev.roster.daemon;

import dev.roster.model.BotId;
import dev.roster.plan.Action;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's Prometheus metrics: {@code roster_runs_total{bot,result}},
 * {@code roster_changes_applied_total{bot,action}}, {@code roster_drift_changes{bot}} (and per action,
 * {@code roster_drift_changes_by_action{bot,action}}), {@code roster_pending_members{bot}},
 * {@code roster_run_duration_seconds{bot}}, {@code roster_last_success_timestamp_seconds{bot}},
 * {@code roster_api_requests_total{operation,status}},
 * {@code roster_run_timeouts_total{bot}} (runs stopped by {@code api.runTimeout}),
 * {@code roster_desired_state_errors} (errors of the last load; 0 when the files are valid),
 * {@code roster_notifications_total{target_type,result}} (see {@link Notifier}),
 * {@code roster_seconds_since_last_run{bot}} (from the end of the bot's last finished run, whatever its
 * result, to the scrape, by the injected clock: it grows while no run finishes).
 *
 * <p>Per group, from the {@link StatusBoard} at each scrape ({@link #watch}): {@code roster_group_sync_status{bot,state}}
 * and {@code roster_group_health{bot,state}} count the bot's groups in each state (every state, 0 when none), and
 * {@code roster_unmanaged_groups{bot}}. Of the desired state: {@code roster_desired_commit_info{commit}} 1 (the commit
 * of the last valid load from git), {@code roster_desired_last_load_success_timestamp_seconds} and
 * {@code roster_desired_load_failures_total{reason}} ({@code fetch}: git could not be fetched; {@code invalid}: the
 * files did not validate). {@code roster_events_total{source,result}} counts events ({@link #recordEvent}).
 * Also {@code roster_build_info{version,commit}} 1, and the JVM and process metrics of Micrometer's core binders
 * ({@code jvm_*}, {@code process_*}, {@code system_*}).
 */
public final class DaemonMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<BotId, BotGauges> gauges = new ConcurrentHashMap<>();
    private final AtomicLong desiredStateErrors = new AtomicLong();
    private final AtomicLong lastLoadSuccessEpochSeconds = new AtomicLong();
    private final Clock clock;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile StatusBoard board;
    private final Info commitInfo;
    private Snapshot lastLoad;
    private String shownCommit;

    private record BotGauges(AtomicLong drift, AtomicLong pending, AtomicLong lastSuccessEpochSeconds,
            AtomicLong lastFinishedEpochMillis, Map<Action, AtomicLong> driftByAction, Timer runDuration) {}

    public DaemonMetrics() {
        this(Clock.systemUTC());
    }

    public DaemonMetrics(Clock clock) {
        this(clock, BuildInfo.current());
    }

    /** @param build what {@code roster_build_info} shows ({@code unknown} for a part not known) */
    public DaemonMetrics(Clock clock, BuildInfo build) {
        this.clock = clock;
        Gauge.builder("roster.desired.state.errors", desiredStateErrors, AtomicLong::get)
                .description("Errors of the last load of the desired-state files (0: valid)").register(registry);
        Gauge.builder("roster.desired.last.load.success.timestamp", lastLoadSuccessEpochSeconds, AtomicLong::get)
                .description("When the desired-state files last loaded valid (0: never)").baseUnit("seconds")
                .register(registry);
        for (String reason : new String[] {"fetch", "invalid"}) {
            loadFailures(reason); // both series from the start, at 0
        }
        // info metrics straight in the Prometheus registry: Micrometer's names lose an "_info" suffix
        Info.builder().name("roster_build_info").help("The roster build this daemon runs")
                .labelNames("version", "commit").register(registry.getPrometheusRegistry())
                .setLabelValues(build.version() == null ? "unknown" : build.version(),
                        build.commit() == null ? "unknown" : build.commit());
        commitInfo = Info.builder().name("roster_desired_commit_info")
                .help("The git commit of the desired state last loaded valid").labelNames("commit")
                .register(registry.getPrometheusRegistry());
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * Reads the group gauges ({@code roster_group_sync_status}, {@code roster_group_health},
     * {@code roster_unmanaged_groups}) from {@code board} at each scrape: partial runs merge there, and a pause shows
     * at once.
     */
    public void watch(StatusBoard board) {
        this.board = board;
    }

    public void recordRun(RunRecord run) {
        Counter.builder("roster.runs").description("Bot runs by result")
                .tag("bot", run.bot().value()).tag("result", run.result().label()).register(registry).increment();
        if (run.result() == RunResult.SKIPPED) {
            return;
        }
        BotGauges g = gaugesOf(run.bot());
        g.runDuration().record(run.duration());
        g.lastFinishedEpochMillis().set(run.started().plus(run.duration()).toEpochMilli());
        for (Map.Entry<Action, Integer> e : run.applied().entrySet()) {
            Counter.builder("roster.changes.applied").description("Changes applied")
                    .tag("bot", run.bot().value()).tag("action", e.getKey().jsonName()).register(registry)
                    .increment(e.getValue());
        }
        if (run.result() == RunResult.INVALID) {
            return;
        }
        g.drift().set(run.drift());
        g.pending().set(run.pending());
        Map<Action, Integer> byAction = new EnumMap<>(Action.class);
        run.groups().forEach(group -> group.plannedByAction().forEach((a, n) -> byAction.merge(a, n, Integer::sum)));
        run.unmanaged().stream().filter(u -> u.pruned()).forEach(u -> byAction.merge(
                u.delete() ? Action.DELETE_GROUP : Action.LEAVE_GROUP, 1, Integer::sum));
        g.driftByAction().forEach((action, value) -> value.set(byAction.getOrDefault(action, 0)));
        if (run.result() == RunResult.OK || run.result() == RunResult.DRIFT) {
            g.lastSuccessEpochSeconds().set(run.started().plus(run.duration()).getEpochSecond());
        }
    }

    /** A run that {@code api.runTimeout} stopped (it is also counted as a failed run). */
    public void recordRunTimeout(BotId bot) {
        Counter.builder("roster.run.timeouts").description("Runs stopped by api.runTimeout")
                .tag("bot", bot.value()).register(registry).increment();
    }

    /**
     * A load of the desired state. The same snapshot told again (a git source hands the bots of one tick the same
     * fetch) counts once.
     */
    public synchronized void recordLoad(Snapshot snapshot) {
        desiredStateErrors.set(snapshot.errors().size());
        if (snapshot == lastLoad) {
            return;
        }
        lastLoad = snapshot;
        if (snapshot.isValid()) {
            lastLoadSuccessEpochSeconds.set(clock.instant().getEpochSecond());
            showCommit(snapshot.commit());
        } else {
            loadFailures(snapshot.fetchFailed() ? "fetch" : "invalid").increment();
        }
    }

    /** Something that happened, for {@code roster_events_total}: where it came from and what became of it. */
    public void recordEvent(String source, String result) {
        Counter.builder("roster.events").description("Events by source and result")
                .tag("source", source).tag("result", result).register(registry).increment();
    }

    /** One call to the group API: {@code status} is {@code ok}, an HTTP status, or {@code unreachable}. */
    public void recordApiRequest(String operation, String status) {
        Counter.builder("roster.api.requests").description("Group API requests by outcome")
                .tag("operation", operation).tag("status", status).register(registry).increment();
    }

    private Counter loadFailures(String reason) {
        return Counter.builder("roster.desired.load.failures")
                .description("Loads of the desired state that failed: fetch (git) or invalid (files)")
                .tag("reason", reason).register(registry);
    }

    /** {@code roster_desired_commit_info} names the commit of the last valid load; none for local files. */
    private void showCommit(String commit) {
        if (commit == null) {
            if (shownCommit != null) {
                commitInfo.remove(shownCommit);
            }
        } else if (!commit.equals(shownCommit)) {
            commitInfo.setLabelValues(commit);
        }
        shownCommit = commit;
    }

    /** One notification: {@code result} is {@code sent}, {@code failed} (after its retries) or {@code dropped}. */
    public void recordNotification(String targetType, String result) {
        Counter.builder("roster.notifications").description("Notifications by target type and outcome")
                .tag("target_type", targetType).tag("result", result).register(registry).increment();
    }

    private BotGauges gaugesOf(BotId bot) {
        return gauges.computeIfAbsent(bot, b -> {
            Map<Action, AtomicLong> byAction = new EnumMap<>(Action.class);
            for (Action a : Action.values()) {
                byAction.put(a, new AtomicLong());
            }
            Timer duration = Timer.builder("roster.run.duration").description("Time of one bot run")
                    .tag("bot", b.value()).register(registry);
            BotGauges g = new BotGauges(new AtomicLong(), new AtomicLong(), new AtomicLong(),
                    new AtomicLong(clock.millis()), byAction, duration);
            Gauge.builder("roster.drift.changes", g.drift(), AtomicLong::get)
                    .description("Changes seen at the last run").tag("bot", b.value()).register(registry);
            byAction.forEach((action, value) -> Gauge.builder("roster.drift.changes.by.action", value, AtomicLong::get)
                    .description("Changes seen at the last run, per action").tag("bot", b.value())
                    .tag("action", action.jsonName()).register(registry));
            Gauge.builder("roster.pending.members", g.pending(), AtomicLong::get)
                    .description("Declared people not yet in their group").tag("bot", b.value()).register(registry);
            Gauge.builder("roster.last.success.timestamp", g.lastSuccessEpochSeconds(), AtomicLong::get)
                    .description("End of the last successful run").baseUnit("seconds").tag("bot", b.value())
                    .register(registry);
            Gauge.builder("roster.seconds.since.last.run", g.lastFinishedEpochMillis(),
                    finished -> Math.max(0, clock.millis() - finished.get()) / 1000.0)
                    .description("Seconds since the bot's last finished run (any result)").tag("bot", b.value())
                    .register(registry);
            for (SyncStatus s : SyncStatus.values()) {
                Gauge.builder("roster.group.sync.status", () -> fromBoard(x -> x.syncCounts(b).get(s)))
                        .description("The bot's groups in each sync state").tag("bot", b.value())
                        .tag("state", s.label()).register(registry);
            }
            for (HealthStatus h : HealthStatus.values()) {
                Gauge.builder("roster.group.health", () -> fromBoard(x -> x.healthCounts(b).get(h)))
                        .description("The bot's groups in each health state").tag("bot", b.value())
                        .tag("state", h.label()).register(registry);
            }
            Gauge.builder("roster.unmanaged.groups", () -> fromBoard(x -> x.unmanagedCount(b)))
                    .description("Live groups of the bot that no declared group matches").tag("bot", b.value())
                    .register(registry);
            return g;
        });
    }

    private int fromBoard(java.util.function.ToIntFunction<StatusBoard> read) {
        StatusBoard watched = board;
        return watched == null ? 0 : read.applyAsInt(watched);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops listening to the JVM's garbage collections. */
    @Override
    public void close() {
        gc.close();
    }
}
