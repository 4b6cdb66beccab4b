package dev.roster.daemon;

/** The daemon could not start (scheduler, database, HTTP port); the message is one line for the user. */
public final class DaemonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DaemonException(String message, Throwable cause) {
        super(message, cause);
    }
}
