package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoReasonsTest {
    @TempDir
    Path dir;

    @Test
    void whatTheFileSystemRefusesIsSaidInWordsWithoutThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("groups.yaml"), "bot: \"46700000001\"\n");

        IOException exists = catchThrowableOfType(IOException.class, () -> Files.createFile(file));
        IOException notAFolder = catchThrowableOfType(IOException.class, () -> Files.newDirectoryStream(file).close());
        IOException underAFile = catchThrowableOfType(IOException.class, () -> Files.createFile(file.resolve("x.yaml")));

        assertThat(IoReasons.reason(exists)).isEqualTo("it already exists");
        assertThat(IoReasons.reason(notAFolder)).isEqualTo("not a folder");
        assertThat(IoReasons.reason(underAFile)).isEqualTo("not a directory");
    }

    @Test
    void theFileIsNamedAlsoWhenTheErrorWasWrappedOnItsWayUp() throws IOException {
        Path file = Files.writeString(dir.resolve("groups.yaml"), "bot: \"46700000001\"\n");
        IOException exists = catchThrowableOfType(IOException.class, () -> Files.createFile(file));

        assertThat(IoReasons.describe(new UncheckedIOException(exists))).isEqualTo(file + ": it already exists");
    }

    @Test
    void anErrorThatNamesNoFileKeepsItsMessageOrElseNamesItsKind() {
        assertThat(IoReasons.describe(new IOException("stream closed"))).isEqualTo("stream closed");
        assertThat(IoReasons.describe(new EOFException())).isEqualTo("EOFException");
    }
}
