package dev.roster.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server on 127.0.0.1 that honours the Sinch WhatsApp v1 group API contract, with its state in
 * memory ({@link SimulatorState}). API paths are under {@code /whatsapp/v1/{bot}/groups}; test-only
 * helpers are under {@code /_sim/} (see {@link ApiHandler}); Meta's WhatsApp Cloud API group dialect is under
 * {@link #cloudBaseUrl()} (see {@link CloudApiHandler}). Changes to groups are reported to the callback URL,
 * when one is set, as the provider's group event callbacks (see {@link CallbackSender}). Used by tests, by
 * {@code --sandbox} runs and by benchmarks; {@code roster simulator} runs one from the command line.
 *
 * <pre>
 * try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BotId.of("46700000001")))) {
 *     URI api = sim.baseUrl();                 // http://127.0.0.1:PORT
 *     sim.state().createGroup(...);            // set up drift directly
 * }
 * </pre>
 */
public final class Simulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final int HANDLER_THREADS = 32;
    private static final int BACKLOG = 1024;

    static {
        // The JDK server writes headers and body in separate segments; without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK add ~40 ms to most answers. Read once, when the JDK server first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorConfig config;
    private final SimulatorState state;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService scheduler;
    private final CallbackSender callbacks;
    private final AtomicReference<URI> cloudWebhooks = new AtomicReference<>();
    private final Object persistLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Simulator(SimulatorConfig config, Clock clock) throws IOException {
        if (config.persist() && config.stateFile() == null) {
            throw new IllegalArgumentException("persisting the simulator state needs a state file");
        }
        this.config = config;
        this.state = new SimulatorState(clock, config.seed());
        config.extraBots().forEach(state::addBot);
        if (config.stateFile() != null) {
            StateFile.load(config.stateFile(), state);
        }
        this.handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads("roster-sim-http"));
        ScheduledThreadPoolExecutor delays = new ScheduledThreadPoolExecutor(2, daemonThreads("roster-sim-delay"));
        delays.setRemoveOnCancelPolicy(true);
        this.scheduler = delays;
        Runnable afterWrite = config.persist() ? this::persist : () -> { };
        this.callbacks = new CallbackSender(state.stats(), clock, config.callbackUrl(),
                config.callbackRetryDelayMillis(), CallbackSender.DEFAULT_CAPACITY);
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), BACKLOG);
        } catch (IOException e) {
            handlers.shutdownNow();
            scheduler.shutdownNow();
            callbacks.close();
            throw new IOException("cannot listen on 127.0.0.1:" + config.port() + ": " + e.getMessage(), e);
        }
        server.createContext("/", new ApiHandler(state, config, scheduler, afterWrite, clock, callbacks,
                () -> cloudWebhooks.get() != null ? cloudWebhooks.get() : callbacks.url()));
        server.setExecutor(handlers);
        server.start();
    }

    /** Starts a simulator (loading the state file, if any) and returns once it accepts connections. */
    public static Simulator start(SimulatorConfig config) throws IOException {
        return new Simulator(config, Clock.systemUTC());
    }

    /** As {@link #start(SimulatorConfig)}, with the clock that stamps new groups' ids and creation times. */
    public static Simulator start(SimulatorConfig config, Clock clock) throws IOException {
        return new Simulator(config, clock);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The Graph API version the simulator names in {@link #cloudBaseUrl()}; it serves any {@code /vNN.N/}. */
    public static final String CLOUD_API_VERSION = "v23.0";

    /** {@code http://127.0.0.1:<port>/v23.0}: the base of the Cloud API dialect, without a trailing slash. */
    public URI cloudBaseUrl() {
        return URI.create(baseUrl() + "/" + CLOUD_API_VERSION);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The live state, for tests to set up and inspect directly. */
    public SimulatorState state() {
        return state;
    }

    public SimulatorConfig config() {
        return config;
    }

    /**
     * Sets the URL that group event callbacks are POSTed to from now on (as {@code PUT /_sim/callback} does), or
     * with null stops them. Only loopback URLs are accepted: else {@link IllegalArgumentException}.
     */
    public void setCallbackUrl(URI url) {
        callbacks.setUrl(url);
    }

    /**
     * Sends the Cloud API dialect's webhooks to {@code url} (loopback only, else {@link IllegalArgumentException})
     * instead of the callback URL, as Meta's webhooks are set up apart from the v1 provider's callbacks; null sends
     * them to the callback URL again.
     */
    public void setCloudWebhookUrl(URI url) {
        cloudWebhooks.set(url == null ? null : CallbackUrl.requireLoopback(url));
    }

    /**
     * Stops serving (answers still pending are dropped, and so are callbacks not yet delivered) and persists the
     * state when {@code persist} is on.
     * With {@code persist}, the state file is also written after every API write that took effect; changes made
     * directly through {@link #state()} are written on the next such write or on close.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        callbacks.close();
        scheduler.shutdownNow();
        handlers.shutdownNow();
        if (config.persist()) {
            persist();
        }
    }

    /** Writes the state file; a failure is logged and does not fail the request or the close. */
    private void persist() {
        synchronized (persistLock) {
            try {
                StateFile.save(state, config.stateFile());
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not write simulator state to {}: {}", config.stateFile(), e.toString());
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
