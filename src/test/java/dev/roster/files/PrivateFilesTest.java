package dev.roster.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback where a file system has no POSIX permissions: a zip file system (as created here, without
 * {@code enablePosixFileAttributes}) refuses a POSIX permission attribute, so files there are created with its
 * defaults. (The permissions on a POSIX file system are checked after real runs in
 * {@code dev.roster.reliability.FilePermissionsTest}.)
 */
class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void onAFileSystemWithoutPosixPermissionsFilesAreCreatedWithItsDefaults() throws IOException {
        URI zip = URI.create("jar:" + dir.resolve("files.zip").toUri());
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            assertThat(fs.supportedFileAttributeViews()).doesNotContain("posix");
            Path root = fs.getPath("/");

            PrivateFiles.writeString(root.resolve("plan.json"), "{}");
            try (Writer log = PrivateFiles.appender(root.resolve("audit.jsonl"))) {
                log.write("{\"action\":\"rotate_invite\"}\n");
            }
            PrivateFiles.copy(root.resolve("plan.json"), root.resolve("copy.json"));
            Path temp = PrivateFiles.temporaryFile(root, "state", ".tmp");

            assertThat(Files.readString(root.resolve("plan.json"))).isEqualTo("{}");
            assertThat(Files.readString(root.resolve("audit.jsonl"))).isEqualTo("{\"action\":\"rotate_invite\"}\n");
            assertThat(Files.readString(root.resolve("copy.json"))).isEqualTo("{}");
            assertThat(temp).exists();
        }
    }
}
