package dev.monobridge.bench.measure;

import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;

/**
 * Counts what one MongoDB client sends and receives, from the driver's command events: a round trip
 * is a command, bytes sent are the size of the command document (bulk payloads included), bytes
 * received the size of the reply. These figures depend on the pipeline's design, not on the machine.
 *
 * <p>Register it on the pipeline's own client only; the harness reads documents through another
 * client, so that sampling does not count against the pipeline.
 */
public final class CommandMeter implements CommandListener {

    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        commands.incrementAndGet();
        bytesSent.addAndGet(BsonSizes.document(event.getCommand()));
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        bytesReceived.addAndGet(BsonSizes.document(event.getResponse()));
    }

    public Totals totals() {
        return new Totals(commands.get(), bytesSent.get(), bytesReceived.get());
    }

    /** Running totals; {@link #minus} gives what happened between two readings. */
    public record Totals(long commands, long bytesSent, long bytesReceived) {

        public static final Totals ZERO = new Totals(0, 0, 0);

        public Totals minus(Totals earlier) {
            return new Totals(commands - earlier.commands, bytesSent - earlier.bytesSent,
                    bytesReceived - earlier.bytesReceived);
        }
    }
}
