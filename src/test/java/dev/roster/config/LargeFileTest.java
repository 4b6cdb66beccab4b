package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeFileTest {

    /** A realistic bot with 10,000 groups, each with a subject, an admin and three members. */
    static String tenThousandGroups() {
        StringBuilder yaml = new StringBuilder("bot: \"46700000001\"\ngroups:\n");
        for (int i = 0; i < 10_000; i++) {
            yaml.append("  group-").append(i).append(":\n")
                    .append("    subject: \"Team ").append(i).append("\"\n")
                    .append("    previously: [\"Old team ").append(i).append("\"]\n")
                    .append("    admins: [\"+46 70 1").append(String.format("%06d", i)).append("\"]\n")
                    .append("    members: [\"+4673").append(String.format("%07d", i)).append("\", \"+4673")
                    .append(String.format("%07d", i + 10_000)).append("\", \"+4673")
                    .append(String.format("%07d", i + 20_000)).append("\"]\n");
        }
        return yaml.toString();
    }

    @Test
    void aValidTenThousandGroupFileLoadsWellWithinTheSizeLimit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, tenThousandGroups());
        assertThat(Files.size(file)).isLessThan(SafeYaml.MAX_BYTES / 2);

        LoadResult result = new DesiredStateLoader(SettingsLoader.defaults(Map.of())).load(List.of(file));

        assertThat(result.summary()).isEqualTo("1 bot, 10000 groups, 40000 numbers");
        assertThat(result.state().groups().get(9_999).location().line()).isEqualTo(2 + 9_999 * 5 + 1);
    }
}
