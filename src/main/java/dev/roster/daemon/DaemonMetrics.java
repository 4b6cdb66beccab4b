package dev.roster.daemon;

import dev.roster.model.BotId;
import dev.roster.plan.Action;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's Prometheus metrics: {@code roster_runs_total{bot,result}},
 * {@code roster_changes_applied_total{bot,action}}, {@code roster_drift_changes{bot}},
 * {@code roster_pending_members{bot}}, {@code roster_run_duration_seconds},
 * {@code roster_last_success_timestamp_seconds{bot}}, {@code roster_api_requests_total{operation,status}},
 * {@code roster_run_timeouts_total{bot}} (runs stopped by {@code api.runTimeout}),
 * {@code roster_desired_state_errors} (errors of the last load; 0 when the files are valid) and
 * {@code roster_seconds_since_last_run{bot}} (from the end of the bot's last finished run, whatever its
 * result, to the scrape, by the injected clock: it grows while no run finishes).
 */
public final class DaemonMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer runDuration;
    private final Map<BotId, BotGauges> gauges = new ConcurrentHashMap<>();
    private final AtomicLong desiredStateErrors = new AtomicLong();
    private final Clock clock;

    private record BotGauges(AtomicLong drift, AtomicLong pending, AtomicLong lastSuccessEpochSeconds,
            AtomicLong lastFinishedEpochMillis) {}

    public DaemonMetrics() {
        this(Clock.systemUTC());
    }

    public DaemonMetrics(Clock clock) {
        this.clock = clock;
        runDuration = Timer.builder("roster.run.duration").description("Time of one bot run").register(registry);
        Gauge.builder("roster.desired.state.errors", desiredStateErrors, AtomicLong::get)
                .description("Errors of the last load of the desired-state files (0: valid)").register(registry);
    }

    public void recordRun(RunRecord run) {
        Counter.builder("roster.runs").description("Bot runs by result")
                .tag("bot", run.bot().value()).tag("result", run.result().label()).register(registry).increment();
        if (run.result() == RunResult.SKIPPED) {
            return;
        }
        runDuration.record(run.duration());
        gaugesOf(run.bot()).lastFinishedEpochMillis().set(run.started().plus(run.duration()).toEpochMilli());
        for (Map.Entry<Action, Integer> e : run.applied().entrySet()) {
            Counter.builder("roster.changes.applied").description("Changes applied")
                    .tag("bot", run.bot().value()).tag("action", e.getKey().jsonName()).register(registry)
                    .increment(e.getValue());
        }
        if (run.result() == RunResult.INVALID) {
            return;
        }
        BotGauges g = gaugesOf(run.bot());
        g.drift().set(run.drift());
        g.pending().set(run.pending());
        if (run.result() == RunResult.OK || run.result() == RunResult.DRIFT) {
            g.lastSuccessEpochSeconds().set(run.started().plus(run.duration()).getEpochSecond());
        }
    }

    /** A run that {@code api.runTimeout} stopped (it is also counted as a failed run). */
    public void recordRunTimeout(BotId bot) {
        Counter.builder("roster.run.timeouts").description("Runs stopped by api.runTimeout")
                .tag("bot", bot.value()).register(registry).increment();
    }

    public void recordLoad(Snapshot snapshot) {
        desiredStateErrors.set(snapshot.errors().size());
    }

    /** One call to the group API: {@code status} is {@code ok}, an HTTP status, or {@code unreachable}. */
    /** A webhook delivery or event by its source ({@code git}, {@code sinch}) and what became of it. */
    public void recordEvent(String source, String result) {
        Counter.builder("roster.events").description("Webhook deliveries and provider events by source and result")
                .tag("source", source).tag("result", result).register(registry).increment();
    }

    public void recordApiRequest(String operation, String status) {
        Counter.builder("roster.api.requests").description("Group API requests by outcome")
                .tag("operation", operation).tag("status", status).register(registry).increment();
    }

    private BotGauges gaugesOf(BotId bot) {
        return gauges.computeIfAbsent(bot, b -> {
            BotGauges g = new BotGauges(new AtomicLong(), new AtomicLong(), new AtomicLong(),
                    new AtomicLong(clock.millis()));
            Gauge.builder("roster.drift.changes", g.drift(), AtomicLong::get)
                    .description("Changes seen at the last run").tag("bot", b.value()).register(registry);
            Gauge.builder("roster.pending.members", g.pending(), AtomicLong::get)
                    .description("Declared people not yet in their group").tag("bot", b.value()).register(registry);
            Gauge.builder("roster.last.success.timestamp", g.lastSuccessEpochSeconds(), AtomicLong::get)
                    .description("End of the last successful run").baseUnit("seconds").tag("bot", b.value())
                    .register(registry);
            Gauge.builder("roster.seconds.since.last.run", g.lastFinishedEpochMillis(),
                    finished -> Math.max(0, clock.millis() - finished.get()) / 1000.0)
                    .description("Seconds since the bot's last finished run (any result)").tag("bot", b.value())
                    .register(registry);
            return g;
        });
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
