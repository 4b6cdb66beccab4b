package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.daemon.Daemon;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.LocalHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no {@code daemon.http} settings, the daemon's HTTP server listens on 127.0.0.1 only: the kernel's
 * socket table shows no wildcard listener on its port, and another loopback address (127.0.0.2) is refused,
 * which a wildcard listener would accept. Nothing but loopback is contacted.
 */
class DaemonLoopbackBindTest {
    private static final BotId BOT = BotId.of("447506616260");

    @TempDir
    Path dir;

    @Test
    void httpServerListensOnLoopbackOnlyByDefault() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            Path settingsFile = dir.resolve("roster.yaml");
            Files.writeString(settingsFile, "api:\n  baseUrl: " + sim.baseUrl() + "\n"
                    + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n");
            RosterSettings settings = SettingsLoader.load(settingsFile, Map.of()).settings();
            assertThat(settings.daemon().http().bind()).as("default bind setting").isEqualTo("127.0.0.1");
            Path desired = dir.resolve("sales.yaml");
            Files.writeString(desired, "bot: \"" + BOT + "\"\ngroups:\n  sales:\n    subject: Sales\n");

            try (Daemon daemon = Daemon.start(settings, client(sim), Daemon.Options.of(List.of(desired))
                    .withNode("bind-test").withHttpPort(0).withRunAtStart(false))) {
                int port = daemon.httpPort();
                assertThat(LocalHttp.get(port, "/healthz").status()).as("reachable on 127.0.0.1").isEqualTo(200);

                List<String> listeners = listenersOn(port);
                if (!listeners.isEmpty()) { // Linux: the kernel's socket table
                    assertThat(listeners).as("local addresses listening on port " + port)
                            .containsExactly("127.0.0.1");
                }

                // another loopback address reaches a wildcard listener but not one bound to 127.0.0.1 alone
                InetAddress other = otherLoopbackAddress();
                System.out.printf("loopback bind: port %d, listeners %s, refused via %s%n", port, listeners, other);
                assumeTrue(!listeners.isEmpty() || other != null, "no socket table and no second loopback address");
                if (other != null) {
                    assertThatThrownBy(() -> connect(other, port)).as("connect via " + other)
                            .isInstanceOf(ConnectException.class);
                }
            }
        }
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    /** 127.0.0.2 when this machine can listen on it (Linux routes all of 127/8 to loopback), else null. */
    @SuppressWarnings("try") // the socket is opened to see that the address can be bound
    private static InetAddress otherLoopbackAddress() throws IOException {
        InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return address;
        } catch (IOException notConfigured) {
            return null;
        }
    }

    /**
     * The local addresses of LISTEN sockets on {@code port} from /proc/net/tcp and tcp6 (e.g. "127.0.0.1",
     * "0.0.0.0", "::"); empty when the files do not exist (not Linux).
     */
    private static List<String> listenersOn(int port) throws IOException {
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if ("0A".equals(f[3]) && Integer.parseInt(local[1], 16) == port) {
                    out.add(hexAddress(local[0]).getHostAddress());
                }
            }
        }
        return out;
    }

    /** /proc/net/tcp writes addresses as 32-bit words in host (little-endian) byte order. */
    private static InetAddress hexAddress(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        InetAddress address = InetAddress.getByAddress(bytes);
        return address instanceof Inet6Address && isV4Mapped(bytes) ? InetAddress.getByAddress(
                java.util.Arrays.copyOfRange(bytes, 12, 16)) : address;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static dev.roster.api.GroupApi client(Simulator sim) {
        SinchOptions options = new SinchOptions(sim.baseUrl(), bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN),
                Duration.ofSeconds(2), Duration.ofSeconds(10), new RetryPolicy(2, Duration.ofMillis(10),
                        Duration.ofMillis(50), Duration.ofSeconds(5)));
        return SinchGroupApi.create(options, new RateLimiter(1000, RateLimiter.Ticker.SYSTEM));
    }
}
