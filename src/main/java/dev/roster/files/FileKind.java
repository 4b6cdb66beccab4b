package dev.roster.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path is, found from its attributes without opening it: opening a FIFO for reading blocks until someone
 * writes to it, so a file is only opened once this says it is a regular file. Symbolic links are followed.
 */
public enum FileKind {
    REGULAR("a regular file"),
    DIRECTORY("a directory"),
    FIFO("a FIFO"),
    SOCKET("a socket"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    OTHER("a special file"),
    /** Nothing there (or a symbolic link to nothing, or not readable as attributes). */
    MISSING("missing");

    private static final int TYPE_MASK = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** "a FIFO", "a directory", ... for messages such as {@code PATH: not a regular file (a FIFO)}. */
    public String description() {
        return description;
    }

    /** Neither a regular file nor a directory, but something there. */
    public boolean isSpecial() {
        return this != REGULAR && this != DIRECTORY && this != MISSING;
    }

    public static FileKind of(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return MISSING;
        }
        if (attributes.isRegularFile()) {
            return REGULAR;
        }
        if (attributes.isDirectory()) {
            return DIRECTORY;
        }
        return special(path);
    }

    /** The kind from the Unix mode bits where the file system offers them ("unix:mode"), else {@link #OTHER}. */
    private static FileKind special(Path path) {
        Object mode;
        try {
            mode = Files.getAttribute(path, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OTHER;
        }
        if (!(mode instanceof Integer bits)) {
            return OTHER;
        }
        return switch (bits & TYPE_MASK) {
            case S_IFIFO -> FIFO;
            case S_IFSOCK -> SOCKET;
            case S_IFCHR -> CHARACTER_DEVICE;
            case S_IFBLK -> BLOCK_DEVICE;
            default -> OTHER;
        };
    }
}
