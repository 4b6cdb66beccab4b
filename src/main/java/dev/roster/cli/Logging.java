package dev.roster.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels chosen on the command line. Logs go to stderr (see logback.xml) and never hold the token. */
final class Logging {
    private Logging() {}

    static void enableDebug() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger("dev.roster")).setLevel(Level.DEBUG);
    }
}
