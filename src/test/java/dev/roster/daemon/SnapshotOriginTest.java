package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Log lines name where the desired state came from one way: never "at commit -" or "at commit null". */
class SnapshotOriginTest {

    @Test
    void localFilesAndGitCommitsAreNamedTheSameWayInEveryLogLine() {
        assertThat(new Snapshot(null, List.of("x"), null).origin()).isEqualTo("from the local files");
        assertThat(Snapshot.origin("969fdc5c219c7331d03c8d8a69abaf56d518a0a8")).isEqualTo("at commit 969fdc5c219c");
        assertThat(Snapshot.origin("abc")).isEqualTo("at commit abc");
    }
}
