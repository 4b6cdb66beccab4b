package dev.roster.cli;

/** roster's exit codes. */
final class ExitCodes {
    static final int OK = 0;
    /** An error, invalid input, or a refused operation. */
    static final int ERROR = 1;
    /** {@code plan --detailed-exitcode}: the plan has changes. */
    static final int CHANGES = 2;

    private ExitCodes() {}
}
