package dev.monobridge.projector.core;

/**
 * The names of the fields a log line carries about the work in hand (slf4j's MDC), the same in every module, so
 * that a log shipper can index them: JSON log lines put them under {@code mdc} (README, "Logs").
 */
public final class LogFields {

    /** The projection a line is about: a collection's writes, a rebuild, a drift check. */
    public static final String PROJECTION = "projection";
    /** The newest source position of the batch being applied. */
    public static final String POSITION = "position";
    /** The number of the batch being applied, counted from 1 since the process started. */
    public static final String BATCH = "batch";

    private LogFields() {
    }
}
