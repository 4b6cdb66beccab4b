package dev.roster.model;

/** Where something was declared: a file and a 1-based line and column. Prints as {@code file:line:col}. */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
