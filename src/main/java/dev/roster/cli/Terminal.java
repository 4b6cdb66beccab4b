package dev.roster.cli;

/** What the console can do: colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
final class Terminal {
    private Terminal() {}

    static boolean isInteractive() {
        return System.console() != null;
    }

    static boolean colorAllowed() {
        String noColor = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return isInteractive() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }
}
