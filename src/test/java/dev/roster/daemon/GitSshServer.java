package dev.roster.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An ssh server on loopback (Apache MINA sshd) that serves one repository to {@code git-upload-pack}, to one client
 * key. Writes that key (OpenSSH format) and a known_hosts line for the server, as an operator would have them.
 */
final class GitSshServer implements AutoCloseable {
    private final SshServer server;
    final Path clientKey;
    final Path knownHosts;
    final PublicKey hostKey;

    GitSshServer(Repository repository, Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair client = generator.generateKeyPair();
        clientKey = dir.resolve("id_ecdsa");
        try (OutputStream out = Files.newOutputStream(clientKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "roster-test", null, out);
        }
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.key"));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, client.getPublic()));
        server.setPasswordAuthenticator((user, password, session) -> false);
        server.setCommandFactory((channel, command) -> new UploadPackCommand(repository));
        server.start();
        hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey) + "\n");
    }

    int port() {
        return server.getPort();
    }

    String url() {
        return "ssh://git@127.0.0.1:" + port() + "/groups.git";
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code git-upload-pack}: JGit's UploadPack on the channel's streams, in its own thread. */
    private static final class UploadPackCommand implements Command {
        private final Repository repository;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Repository repository) {
            this.repository = repository;
        }

        @Override
        public void setInputStream(InputStream value) {
            in = value;
        }

        @Override
        public void setOutputStream(OutputStream value) {
            out = value;
        }

        @Override
        public void setErrorStream(OutputStream value) {
            err = value;
        }

        @Override
        public void setExitCallback(ExitCallback value) {
            exit = value;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread t = new Thread(() -> {
                int status = 0;
                try {
                    new UploadPack(repository).upload(in, out, err);
                    out.flush();
                } catch (IOException e) {
                    status = 1;
                }
                exit.onExit(status);
            }, "test-upload-pack");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
