package dev.roster.daemon;

import dev.roster.config.DesiredStateLoader;
import dev.roster.config.GitUrls;
import dev.roster.config.RosterSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired-state files pulled from a git branch (pull-based GitOps). Each read fetches the branch into a
 * working folder, checks out its head and loads the files there; the head's commit id goes with the
 * snapshot. {@code paths} are relative to the repository root (the whole repository when empty).
 * Reads are serialised (parallel bot jobs share one working folder), and a read that waited while
 * another fetched takes that fresher result instead of fetching again, so the bots of one tick cost
 * about one fetch.
 *
 * <p>Only the branch is fetched, shallow (depth 1). A fetch that receives nothing for {@code daemon.git.timeout}
 * fails (JGit's transport timeout: connect, and each read), and the run reports it; nothing waits for ever.
 * Credentials for https come from {@code daemon.git.username} and {@code daemon.git.password} (or the URL);
 * ssh URLs use the key file {@code daemon.git.sshKey} and accept only a server whose key is in
 * {@code daemon.git.knownHosts} (strict checking; ~/.ssh/config is not read). Credentials never reach a message
 * or log: a {@code user:password@} in the URL is redacted wherever the URL or an error is shown.
 */
public final class GitSource implements DesiredSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

    private final String url;
    private final String branch;
    private final RosterSettings.Git settings;
    private final Path workDir;
    private final List<Path> paths;
    private final DesiredStateLoader loader;
    private final CredentialsProvider credentials;
    private SshdSessionFactory ssh;
    private Git git;
    private String lastCommit;
    private Snapshot lastSnapshot;
    private long lastReadStartedNanos;

    /** With the defaults of {@code daemon.git} beyond URL and branch (no credentials, 30 s timeout). */
    public GitSource(String url, String branch, Path workDir, List<Path> paths, DesiredStateLoader loader) {
        this(new RosterSettings.Git(url, branch), workDir, paths, loader);
    }

    public GitSource(RosterSettings.Git settings, Path workDir, List<Path> paths, DesiredStateLoader loader) {
        this.settings = settings;
        this.url = settings.url();
        this.branch = settings.branch() == null || settings.branch().isBlank() ? "main" : settings.branch();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.paths = List.copyOf(paths);
        this.loader = loader;
        this.credentials = credentials(settings);
    }

    /** A provider for {@code daemon.git.username}/{@code password}, or null to use the URL's user info alone. */
    static CredentialsProvider credentials(RosterSettings.Git settings) {
        if (settings.password() == null && settings.username() == null) {
            return null;
        }
        String user = settings.username();
        if (user == null) {
            try {
                user = new URIish(settings.url()).getUser();
            } catch (java.net.URISyntaxException e) {
                user = null;
            }
        }
        return new UsernamePasswordCredentialsProvider(user == null ? "git" : user,
                settings.password() == null ? "" : settings.password().reveal());
    }

    /** Timeout, credentials and (for ssh) the session factory, on a clone or fetch. */
    private <C extends TransportCommand<C, ?>> C configure(C command) {
        command.setTimeout((int) Math.max(1, settings.timeout().toSeconds()));
        if (credentials != null) {
            command.setCredentialsProvider(credentials);
        }
        command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport sshTransport) {
                sshTransport.setSshSessionFactory(sshSessions());
            }
        });
        return command;
    }

    private synchronized SshdSessionFactory sshSessions() {
        if (ssh == null) {
            ssh = sshSessions(settings);
        }
        return ssh;
    }

    /**
     * An ssh client that offers only {@code sshKey} (when set) by public key, and accepts only a server whose key is
     * in {@code knownHosts} (when set; else ~/.ssh/known_hosts). No ~/.ssh/config is read, so nothing on the host
     * changes where the daemon connects or what it trusts.
     */
    static SshdSessionFactory sshSessions(RosterSettings.Git settings) {
        File home = new File(System.getProperty("user.home"));
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(new File(home, ".ssh"))
                .setPreferredAuthentications("publickey")
                .setConfigStoreFactory((homeDir, configFile, localUser) -> strictConfig());
        if (settings.sshKey() != null) {
            Path key = settings.sshKey().toAbsolutePath();
            builder.setDefaultIdentities(sshDir -> List.of(key));
        }
        if (settings.knownHosts() != null) {
            Path knownHosts = settings.knownHosts().toAbsolutePath();
            builder.setDefaultKnownHostsFiles(sshDir -> List.of(knownHosts));
        }
        return builder.build(null);
    }

    /** Every host: strict host key checking, nothing else configured. */
    private static SshConfigStore strictConfig() {
        Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        options.put("StrictHostKeyChecking", "yes");
        SshConfigStore.HostConfig config = new SshConfigStore.HostConfig() {
            @Override
            public String getValue(String key) {
                return options.get(key);
            }

            @Override
            public List<String> getValues(String key) {
                String v = options.get(key);
                return v == null ? List.of() : List.of(v);
            }

            @Override
            public Map<String, String> getOptions() {
                return options;
            }

            @Override
            public Map<String, List<String>> getMultiValuedOptions() {
                return Map.of();
            }
        };
        return new SshConfigStore() {
            @Override
            public HostConfig lookup(String hostName, int port, String userName) {
                return config;
            }

            @Override
            public HostConfig lookupDefault(String hostName, int port, String userName) {
                return config;
            }
        };
    }

    @Override
    public Snapshot read() {
        long requested = System.nanoTime();
        synchronized (this) {
            if (lastSnapshot != null && lastReadStartedNanos - requested >= 0) {
                return lastSnapshot; // fetched after this read was asked for: as fresh as a new fetch
            }
            lastReadStartedNanos = System.nanoTime();
            lastSnapshot = fetchAndLoad();
            return lastSnapshot;
        }
    }

    private Snapshot fetchAndLoad() {
        String commit;
        try {
            commit = fetchAndCheckout();
        } catch (GitAPIException | IOException | RuntimeException e) {
            String message = "cannot fetch branch " + branch + " of " + redact(url) + ": " + (timedOut(e)
                    ? "no answer within " + settings.timeout().toSeconds() + " s (daemon.git.timeout)"
                    : redact(String.valueOf(e.getMessage())));
            LOG.warn(message);
            return Snapshot.fetchFailure(message, lastCommit);
        }
        if (!commit.equals(lastCommit)) {
            LOG.info("desired state now at commit {} of branch {}", commit, branch);
            lastCommit = commit;
        }
        List<Path> files = paths.isEmpty() ? List.of(workDir) : paths.stream().map(workDir::resolve).toList();
        return LocalFilesSource.load(loader, files, commit);
    }

    /** Whether JGit gave up because the server stayed silent past the timeout (a socket or ssh read timeout). */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.InterruptedIOException
                    || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("time out")) {
                return true;
            }
        }
        return false;
    }

    private String fetchAndCheckout() throws GitAPIException, IOException {
        String remoteRef = "refs/remotes/origin/" + branch;
        if (git == null) {
            git = openOrClone();
        } else {
            fetch(git);
        }
        ObjectId head = git.getRepository().resolve(remoteRef);
        if (head == null) {
            throw new IllegalStateException("the branch does not exist");
        }
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.name()).call();
        git.clean().setCleanDirectories(true).setForce(true).call();
        return head.name();
    }

    private Git openOrClone() throws GitAPIException, IOException {
        if (Files.isDirectory(workDir.resolve(".git"))) {
            try {
                Git existing = Git.open(workDir.toFile());
                StoredConfig config = existing.getRepository().getConfig();
                if (!url.equals(config.getString("remote", "origin", "url"))) {
                    config.setString("remote", "origin", "url", url); // daemon.git.url changed since the clone
                    config.save();
                }
                fetch(existing);
                return existing;
            } catch (RepositoryNotFoundException e) {
                // not a usable clone: clone afresh below
            }
        }
        Files.createDirectories(workDir);
        try (var entries = Files.list(workDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException("the working folder " + workDir + " is not empty and not a clone");
            }
        }
        return configure(Git.cloneRepository()).setURI(url).setDirectory(workDir.toFile()).setBranch(branch)
                .setBranchesToClone(List.of("refs/heads/" + branch)).setDepth(1).call();
    }

    /** Fetches the branch alone, shallow. */
    private void fetch(Git repository) throws GitAPIException {
        configure(repository.fetch()).setRemote("origin")
                .setRefSpecs("+refs/heads/" + branch + ":refs/remotes/origin/" + branch).setDepth(1).call();
    }

    /** The text with any {@code user:password@} after a scheme removed. */
    static String redact(String text) {
        return GitUrls.redact(text);
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
            git = null;
        }
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
    }
}
