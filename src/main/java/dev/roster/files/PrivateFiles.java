package dev.roster.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates files readable and writable by their owner only ({@code rw-------}, less what the umask takes away).
 * The permissions are given when the file is created, so there is no moment in which another user could open
 * it. Where the file system has no POSIX permissions (say, FAT or Windows) files are created with its defaults.
 * A file that exists already keeps its permissions: they may have been chosen on purpose.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** The attributes that make a new file in {@code dir} owner-only; none on a file system without POSIX ones. */
    public static FileAttribute<?>[] ownerOnly(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    /** A UTF-8 writer that appends to {@code file}, creating it owner-only when it does not exist. */
    public static Writer appender(Path file) throws IOException {
        return Channels.newWriter(Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), ownerOnly(file)), StandardCharsets.UTF_8);
    }

    /** Writes {@code text} as UTF-8 to {@code file}, replacing its content; a new file is created owner-only. */
    public static void writeString(Path file, String text) throws IOException {
        try (OutputStream out = create(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Copies {@code source} to {@code target}, which must not exist yet and is created owner-only. */
    public static void copy(Path source, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(source);
                OutputStream out = create(target, StandardOpenOption.CREATE_NEW)) {
            in.transferTo(out);
        }
    }

    /**
     * A new temporary file in {@code dir}, owner-only (as {@link Files#createTempFile(Path, String, String,
     * FileAttribute[])}), for writing a file whole and then moving it over the old one.
     */
    public static Path temporaryFile(Path dir, String prefix, String suffix) throws IOException {
        return Files.createTempFile(dir, prefix, suffix, ownerOnly(dir));
    }

    private static OutputStream create(Path file, StandardOpenOption... how) throws IOException {
        Set<OpenOption> options = new HashSet<>(List.of(how));
        options.add(StandardOpenOption.WRITE);
        return Channels.newOutputStream(Files.newByteChannel(file, options, ownerOnly(file)));
    }
}
