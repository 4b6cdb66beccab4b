package dev.roster.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on loopback that answers every request with 200 and a long JSON body, one byte per
 * second: each read gets a byte well within any read timeout, and the answer never ends in a test's time.
 * In {@link Mode#WHOLE_ANSWER} even the status line trickles; in {@link Mode#BODY_ONLY} the head comes at
 * once and only the body trickles. Counts the requests it has read. One connection per request.
 */
public final class TricklingServer implements AutoCloseable {
    public enum Mode { WHOLE_ANSWER, BODY_ONLY }

    /** {"groups": [] } with 10,000 spaces inside: over two hours at a byte a second. */
    private static final String BODY = "{\"groups\": [" + " ".repeat(10_000) + "]}";

    private final ServerSocket server;
    private final Mode mode;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean trickling = true;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private TricklingServer(ServerSocket server, Mode mode) {
        this.server = server;
        this.mode = mode;
    }

    public static TricklingServer start(Mode mode) throws IOException {
        TricklingServer s = new TricklingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), mode);
        Thread acceptor = new Thread(s::accept, "trickling-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return s;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** From now on, answers at once (the same answer: 200 with an empty list of groups). */
    public void stopTrickling() {
        trickling = false;
    }

    /** Requests read so far (each attempt of a call is one). */
    public int requests() {
        return requests.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = server.accept();
                connections.add(socket);
                Thread t = new Thread(() -> serve(socket), "trickling-connection");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the server was closed
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            int length = readHead(in);
            if (length < 0) {
                return;
            }
            in.readNBytes(length);
            requests.incrementAndGet();
            byte[] head = ("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: "
                    + BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            if (!trickling) {
                out.write(head);
                out.write(body);
                out.flush();
            } else if (mode == Mode.BODY_ONLY) {
                out.write(head);
                out.flush();
                trickle(out, body);
            } else {
                trickle(out, head);
                trickle(out, body);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up, or the server was closed
        }
    }

    private static void trickle(OutputStream out, byte[] bytes) throws IOException, InterruptedException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            Thread.sleep(1000);
        }
    }

    /** Reads a request head; its Content-Length, 0 when none, -1 at the end of the stream. */
    private static int readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int length = 0;
                for (String line : head.toString().split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                return length;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
