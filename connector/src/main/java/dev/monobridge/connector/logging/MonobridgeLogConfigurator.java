package dev.monobridge.connector.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures logback for the command line (found through {@code META-INF/services}): one console appender on
 * standard error, in the format {@link LogFormat} takes from the environment, at {@link LogLevels}.
 *
 * <p>Text is what slf4j-simple printed before ({@code 17:32:05.146 WARN DriftSampler - ...}). JSON is logback's
 * own {@link JsonEncoder}: one object per line with {@code timestamp} (epoch ms), {@code level},
 * {@code threadName}, {@code loggerName}, {@code mdc} (the {@code projection}, {@code position} and {@code batch}
 * of the work in hand, where known), {@code kvpList}, {@code formattedMessage} and, for an error, {@code throwable}.
 * Logback's own {@code logback.configurationFile} still wins when it is given: then this configurator steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class MonobridgeLogConfigurator extends ContextAwareBase implements Configurator {

    /** Logback's own system property naming a configuration file. */
    private static final String LOGBACK_FILE = "logback.configurationFile";
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(LOGBACK_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // A bad value is refused by the command line (exit 2) before it does anything; meanwhile, text.
        configure(context, LogFormat.of(System.getenv()).orElse(LogFormat.TEXT));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** One console appender on standard error in that format, and the levels. */
    static void configure(LoggerContext context, LogFormat format) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(format == LogFormat.JSON ? json(context) : text(context));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(console);
        root.setLevel(Level.toLevel(LogLevels.ROOT));
        LogLevels.LOGGERS.forEach((logger, level) -> context.getLogger(logger).setLevel(Level.toLevel(level)));
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // What a shipper indexes; the raw template and its arguments would only repeat the formatted message.
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
