package dev.roster.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** A local git repository (branch main) that a daemon pulls its desired state from over file://. */
final class GitUpstream implements AutoCloseable {
    private final Git git;

    private GitUpstream(Git git) {
        this.git = git;
    }

    static GitUpstream init(Path dir) throws Exception {
        return new GitUpstream(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    /** The URL to put in {@code daemon.git.url}. */
    String url() {
        return git.getRepository().getWorkTree().toPath().toUri().toString();
    }

    /** Writes a file of the work tree, not yet committed. */
    void write(String file, String content) throws Exception {
        Path path = git.getRepository().getWorkTree().toPath().resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    /** Commits everything written. */
    RevCommit commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("t", "t@example.org").setCommitter("t", "t@example.org")
                .setSign(false).call();
    }

    /** Writes one file and commits it. */
    RevCommit commit(String file, String content) throws Exception {
        write(file, content);
        return commit("edit " + file);
    }

    @Override
    public void close() {
        git.close();
    }
}
