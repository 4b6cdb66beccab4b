package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every directory under {@code src/test/resources/bad/} holds invalid desired-state files and an
 * {@code expected.txt} with the exact diagnostics, in order, file names relative to the directory.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/bad");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputIsRejectedWithItsExactLocatedMessages(Path dir) throws IOException {
        DesiredStateLoader loader = new DesiredStateLoader(SettingsLoader.defaults(Map.of()));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(List.of(dir)));

        assertThat(e).as("rejected").isNotNull();
        String prefix = dir + dir.getFileSystem().getSeparator();
        List<String> actual = e.diagnostics().stream().map(d -> d.toString().replace(prefix, "")).toList();
        assertThat(actual).containsExactlyElementsOf(Files.readAllLines(dir.resolve("expected.txt")));
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
