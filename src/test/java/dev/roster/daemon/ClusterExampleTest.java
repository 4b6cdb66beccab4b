package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** examples/cluster: two valid node settings on one job store, different HTTP ports. */
class ClusterExampleTest {
    @Test
    void bothNodesShareTheJobStoreAndDifferInPort() {
        Map<String, String> env = Map.of("PGPASSWORD", "pw", "SINCH_API_TOKEN", "t");
        RosterSettings a = SettingsLoader.load(Path.of("examples/cluster/node-a.yaml"), env).settings();
        RosterSettings b = SettingsLoader.load(Path.of("examples/cluster/node-b.yaml"), env).settings();
        assertThat(a.daemon().jobStore().isMemory()).isFalse();
        assertThat(a.daemon().jobStore().url()).isEqualTo(b.daemon().jobStore().url());
        assertThat(a.daemon().git()).isEqualTo(b.daemon().git());
        assertThat(a.daemon().http().port()).isNotEqualTo(b.daemon().http().port());
    }
}
