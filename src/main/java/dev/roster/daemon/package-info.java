/**
 * {@code roster daemon}: one Quartz job per bot reconciles on a cron schedule (read the desired files,
 * from a local path or a git branch, read the live groups, plan, apply), and an HTTP server (Jetty 12,
 * {@link dev.roster.daemon.HttpEndpoints}) serves {@code /healthz}, {@code /readyz}, {@code /metrics}
 * (Prometheus) and {@code /status} (JSON) through a small router.
 *
 * <p>In cluster mode Quartz keeps its jobs in PostgreSQL (JDBC JobStore, clustered), and each bot's run
 * is fenced by a PostgreSQL advisory lock, so two nodes never apply to one bot at once. The package
 * gets its {@link dev.roster.api.GroupApi} from the caller; it never builds the provider client itself.
 */
package dev.roster.daemon;
