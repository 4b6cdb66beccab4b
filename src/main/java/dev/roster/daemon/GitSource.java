package dev.roster.daemon;

import dev.roster.config.DesiredStateLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
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
 * <p>Credentials written into the URL ({@code https://user:token@host/...}) never reach a message or log.
 */
public final class GitSource implements DesiredSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private final String url;
    private final String branch;
    private final Path workDir;
    private final List<Path> paths;
    private final DesiredStateLoader loader;
    private Git git;
    private String lastCommit;
    private Snapshot lastSnapshot;
    private long lastReadStartedNanos;

    public GitSource(String url, String branch, Path workDir, List<Path> paths, DesiredStateLoader loader) {
        this.url = url;
        this.branch = branch == null || branch.isBlank() ? "main" : branch;
        this.workDir = workDir.toAbsolutePath().normalize();
        this.paths = List.copyOf(paths);
        this.loader = loader;
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
            String message = "cannot fetch branch " + branch + " of " + redact(url) + ": " + redact(String.valueOf(
                    e.getMessage()));
            LOG.warn(message);
            return new Snapshot(null, List.of(message), lastCommit);
        }
        if (!commit.equals(lastCommit)) {
            LOG.info("desired state now at commit {} of branch {}", commit, branch);
            lastCommit = commit;
        }
        List<Path> files = paths.isEmpty() ? List.of(workDir) : paths.stream().map(workDir::resolve).toList();
        return LocalFilesSource.load(loader, files, commit);
    }

    private String fetchAndCheckout() throws GitAPIException, IOException {
        String remoteRef = "refs/remotes/origin/" + branch;
        if (git == null) {
            git = openOrClone();
        } else {
            git.fetch().setRemote("origin").setRefSpecs("+refs/heads/" + branch + ":" + remoteRef).call();
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
                existing.fetch().setRemote("origin")
                        .setRefSpecs("+refs/heads/" + branch + ":refs/remotes/origin/" + branch).call();
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
        return Git.cloneRepository().setURI(url).setDirectory(workDir.toFile()).setBranch(branch).call();
    }

    /** The text with any {@code user:password@} after a scheme removed. */
    static String redact(String text) {
        return USER_INFO.matcher(text).replaceAll("***@");
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
            git = null;
        }
    }
}
