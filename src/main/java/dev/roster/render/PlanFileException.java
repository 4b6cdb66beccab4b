package dev.roster.render;

/** A saved plan that cannot be read: not JSON, another format version, or a missing or bad field. */
public final class PlanFileException extends RuntimeException {
    public PlanFileException(String message) {
        super(message);
    }
}
