package dev.roster.cli;

/**
 * What the console can do: colour only on a terminal, never with NO_COLOR set (https://no-color.org) or
 * {@code --no-color} given.
 */
final class Terminal {
    private Terminal() {}

    static boolean isInteractive() {
        return System.console() != null;
    }

    static boolean colorAllowed(GlobalOptions global) {
        return !global.noColor && colorAllowed();
    }

    private static boolean colorAllowed() {
        String noColor = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return isInteractive() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }
}
