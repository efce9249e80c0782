package dev.finetuneadvisor.cli;

/**
 * Keeps the rule engine quiet unless asked: slf4j-simple reads its levels once, from system properties
 * and simplelogger.properties, so this runs before any engine class logs.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.org.drools", "info");
            System.setProperty("org.slf4j.simpleLogger.log.org.kie", "info");
        }
    }
}
