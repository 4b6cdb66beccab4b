package dev.roster.daemon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.roster.config.RosterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.CronExpression;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Quartz scheduler: in memory for one node, or on PostgreSQL through Quartz's JDBC JobStore
 * in cluster mode ({@code isClustered}, an explicit {@code clusterCheckinInterval},
 * {@code acquireTriggersWithinLock}, the PostgreSQL delegate). Quartz's tables are created from the
 * {@code tables_postgres.sql} in the Quartz jar only when they are absent: that script starts with
 * DROP TABLE and is never run on a live schema.
 */
public final class QuartzSetup {
    /** Every node of one cluster shares this scheduler name (the SCHED_NAME of Quartz's tables). */
    public static final String CLUSTER_NAME = "roster";
    private static final Logger LOG = LoggerFactory.getLogger(QuartzSetup.class);
    private static final String TABLES_SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    /** The misfire threshold when the schedule's ticks are a minute or more apart. */
    static final long MAX_MISFIRE_THRESHOLD_MILLIS = 60_000;

    /**
     * @param threads               bots run at once on this node
     * @param clusterCheckinMillis  how often a node checks in; a node silent for about this long plus
     *                              7.5 s is taken for dead and its jobs recovered
     * @param misfireThresholdMillis a trigger later than this is a misfire: it skips to its next tick (the
     *                              triggers' misfire instruction) instead of firing for each tick it missed
     */
    public record Options(int threads, long clusterCheckinMillis, long misfireThresholdMillis) {
        public Options(int threads, long clusterCheckinMillis) {
            this(threads, clusterCheckinMillis, MAX_MISFIRE_THRESHOLD_MILLIS);
        }

        public static Options defaults() {
            return new Options(4, 5_000);
        }

        /**
         * These options with a misfire threshold of half the shortest gap between two ticks of {@code cron}
         * (at most {@link #MAX_MISFIRE_THRESHOLD_MILLIS}). A threshold shorter than the gap is what keeps a node
         * that was paused, starved or cut off from its database from firing every missed tick back to back: a
         * trigger that is late by less than the threshold fires, and its next tick is then still ahead.
         */
        public Options forSchedule(String cron) {
            return new Options(threads, clusterCheckinMillis,
                    Math.min(misfireThresholdMillis, misfireThreshold(cron)));
        }
    }

    private QuartzSetup() {}

    /** An in-memory scheduler (single node), not started. {@code name} must be unique in this JVM. */
    public static Scheduler memory(String name, Options options) throws SchedulerException {
        Properties p = common(name, "AUTO", options);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return create(p);
    }

    /**
     * A clustered scheduler on PostgreSQL, not started.
     *
     * @param instanceId this node's id, unique in the cluster
     * @param dataSource a pool for Quartz's own use (advisory locks use separate connections)
     */
    public static Scheduler cluster(String instanceId, DataSource dataSource, Options options)
            throws SchedulerException {
        createTablesIfAbsent(dataSource);
        String dsName = "roster-" + instanceId;
        DBConnectionManager.getInstance().addConnectionProvider(dsName, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the caller owns the pool
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = common(CLUSTER_NAME, instanceId, options);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(options.clusterCheckinMillis()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return create(p);
    }

    /** The JDBC settings as a pool; the password is handed to the driver and nowhere else. */
    public static HikariDataSource pool(RosterSettings.JobStore store, String instanceId) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(store.url());
        if (store.user() != null) {
            c.setUsername(store.user());
        }
        if (store.password() != null) {
            c.setPassword(store.password().reveal());
        }
        c.setPoolName("roster-quartz-" + instanceId);
        c.setMaximumPoolSize(8);
        c.setAutoCommit(false);
        return new HikariDataSource(c);
    }

    private static Properties common(String name, String instanceId, Options options) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(options.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "roster-" + instanceId.replace("AUTO", name));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(options.misfireThresholdMillis()));
        return p;
    }

    /**
     * Creates the scheduler and unbinds it from Quartz's JVM-wide registry, so that several nodes of one
     * cluster (same scheduler name) can live in one JVM, as they do in tests.
     */
    private static Scheduler create(Properties p) throws SchedulerException {
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
        return scheduler;
    }

    /**
     * Half the shortest gap between consecutive ticks of {@code cron} among its next 200 ticks, at most
     * {@link #MAX_MISFIRE_THRESHOLD_MILLIS}; that maximum when the expression has fewer than two ticks left.
     */
    static long misfireThreshold(String cron) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + cron, e);
        }
        long shortest = Long.MAX_VALUE;
        Date previous = expression.getNextValidTimeAfter(new Date());
        for (int i = 0; i < 200 && previous != null; i++) {
            Date next = expression.getNextValidTimeAfter(previous);
            if (next != null) {
                shortest = Math.min(shortest, next.getTime() - previous.getTime());
            }
            previous = next;
        }
        return shortest == Long.MAX_VALUE ? MAX_MISFIRE_THRESHOLD_MILLIS
                : Math.max(1, Math.min(MAX_MISFIRE_THRESHOLD_MILLIS, shortest / 2));
    }

    /** Runs Quartz's PostgreSQL script when (and only when) its tables do not exist yet. */
    static void createTablesIfAbsent(DataSource dataSource) throws SchedulerException {
        try (Connection c = dataSource.getConnection()) {
            if (tablesExist(c)) {
                return;
            }
            String script;
            try (InputStream in = Scheduler.class.getClassLoader().getResourceAsStream(TABLES_SCRIPT)) {
                if (in == null) {
                    throw new SchedulerException(TABLES_SCRIPT + " is missing from the Quartz jar");
                }
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("select pg_advisory_xact_lock(" + 0x726f73746572L + ")"); // two nodes starting at once
                if (!tablesExist(c)) {
                    for (String sql : statements(script)) {
                        st.execute(sql);
                    }
                    LOG.info("created Quartz's tables from {}", TABLES_SCRIPT);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException | IOException e) {
            throw new SchedulerException("cannot prepare Quartz's tables: " + e.getMessage(), e);
        }
    }

    private static boolean tablesExist(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, "qrtz_locks", new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /** The script's statements, without comments; a statement ends with ';' at the end of a line. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") || trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().trim();
                sql = sql.substring(0, sql.length() - 1).trim();
                if (!sql.equalsIgnoreCase("commit")) {
                    out.add(sql);
                }
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }
}
