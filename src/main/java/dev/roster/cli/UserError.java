package dev.roster.cli;

/** An error whose message is complete and meant for the user as is (no "error:" prefix added, no trace). */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
