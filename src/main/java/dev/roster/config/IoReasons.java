package dev.roster.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a file operation failed, in words a user can act on. The JDK's exceptions often carry only the path
 * ({@code NoSuchFileException: /a/b.json}), which reads as if the path itself were the message.
 */
public final class IoReasons {

    private IoReasons() {}

    /** The reason alone, without the path: "permission denied", "the folder /a does not exist", ... */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException missing && missing.getFile() != null) {
            Path parent = Path.of(missing.getFile()).toAbsolutePath().getParent();
            return parent != null && !Files.isDirectory(parent)
                    ? "the folder " + parent + " does not exist"
                    : "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return lowerFirst(fs.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** "PATH: reason" when the exception names a file, else the reason. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": " + reason(e);
        }
        return reason(e);
    }

    /** The same for an I/O error that was wrapped on its way up. */
    public static String describe(UncheckedIOException e) {
        return describe(e.getCause());
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
