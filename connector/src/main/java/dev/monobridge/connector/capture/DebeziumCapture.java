package dev.monobridge.connector.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.monobridge.capture.DebeziumChangeMapper;
import dev.monobridge.capture.UnreadableRecordException;
import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.Acknowledgement;
import dev.monobridge.projector.core.ChangeSink;
import dev.monobridge.projector.core.DeadLetter;
import dev.monobridge.projector.core.LogFields;
import dev.monobridge.projector.core.PipelinedSink;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;

/**
 * Runs Debezium's embedded engine on a source (through its {@link SourceAdapter}) and hands every batch to
 * a {@link PipelinedSink}: the {@link dev.monobridge.projector.core.ProjectorPipeline}, which stores batch N
 * while the engine already delivers batch N+1 (or a {@link ChangeSink} that stores each batch before it returns).
 *
 * <p>Offsets are committed only for records whose batch the sink has made durable in MongoDB: the records
 * are marked processed when the sink acknowledges their batch, which it does in the order the batches were
 * handed over, so the offsets never pass a batch that is not stored. After a crash the engine replays from
 * the last saved offset, and the projector's position guards make the replay harmless.
 *
 * <p>The acknowledgement comes on the sink's writer thread, after {@code handleBatch} returned; Debezium's
 * contract lets the consumer mark records later, and in its asynchronous engine (3.6) the committer handed to
 * {@code handleBatch} is one object per task, used here by the writer thread alone. What it shares with the
 * engine's own threads is made for that (docs/pipeline.md, "Offsets"): Kafka's {@code OffsetStorageWriter}
 * takes offsets under its lock and lets one flush run at a time, and the task keeps the position to confirm
 * to the source under its lock, for its polling thread to confirm.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} once; close stores what the sink holds, then
 * stops the engine, which saves the offsets a last time.
 */
public final class DebeziumCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DebeziumCapture.class);

    /** How long a close waits for the engine's tasks to finish starting: connecting takes seconds, not minutes. */
    private static final Duration TASK_START_WAIT = Duration.ofSeconds(60);

    /** How often a close asks again while the tasks start. */
    private static final Duration CLOSE_RETRY = Duration.ofMillis(50);

    /**
     * How long a close waits for the sink to store the batches it holds before the engine saves its offsets:
     * a few batches take seconds; longer means MongoDB is away, and those batches are captured again at the
     * next start. Within the 30 s a supervisor commonly allows after SIGTERM.
     */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(20);

    private final SourceAdapter source;
    private final Path offsetsFile;
    private final Duration offsetFlushInterval;
    private final PipelinedSink sink;
    private final DebeziumChangeMapper mapper;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "monobridge-capture");
        thread.setDaemon(false);
        return thread;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch connectorStarted = new CountDownLatch(1);
    private final AtomicReference<String> failure = new AtomicReference<>();
    /** Batches handed to the projector since start: the batch id in log lines. */
    private final AtomicLong batches = new AtomicLong();
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    /** Set at the start of a close: no batch is handed over after it. */
    private volatile boolean closing;
    /** Set just before the engine is closed: no record is marked after it, so none races the last save. */
    private volatile boolean engineClosing;

    /** Capture into a sink that stores each batch before it returns: no overlap. */
    public DebeziumCapture(SourceAdapter source, Path offsetsFile, Duration offsetFlushInterval, ChangeSink sink) {
        this(source, offsetsFile, offsetFlushInterval, PipelinedSink.synchronous(sink));
    }

    public DebeziumCapture(SourceAdapter source, Path offsetsFile, Duration offsetFlushInterval, PipelinedSink sink) {
        this.source = source;
        this.mapper = new DebeziumChangeMapper(source.events());
        this.offsetsFile = offsetsFile;
        this.offsetFlushInterval = offsetFlushInterval;
        this.sink = sink;
    }

    public void start() {
        try {
            if (offsetsFile.toAbsolutePath().getParent() != null) {
                Files.createDirectories(offsetsFile.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory for offsets file " + offsetsFile, e);
        }
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(DebeziumProperties.of(source, offsetsFile, offsetFlushInterval))
                .notifying(this::handleBatch)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void connectorStarted() {
                        connectorStarted.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, message + (error == null ? "" : ": " + error));
                        LOG.error("Capture stopped: {}", message, error);
                    }
                    stopped.countDown();
                })
                .build();
        LOG.info("Starting capture from {}", source);
        executor.execute(engine);
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Change> changes = new ArrayList<>(records.size());
        List<DeadLetter> unreadable = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> event : records) {
            SourceRecord record = event.record();
            try {
                changes.addAll(mapper.map(record));
            } catch (UnreadableRecordException e) {
                LOG.warn("Unreadable record on {} at {}: {}", record.topic(), e.position(), e.getMessage());
                unreadable.add(DeadLetter.unreadable(String.valueOf(record), e.getMessage(), e.table(), e.key(), e.position()));
            }
        }
        if (closing) {
            // Not handed over, so not marked, and nothing after it either: it is captured again at the next start.
            LOG.debug("Capture is closing: {} records are left for the next start", records.size());
            return;
        }
        // Every line logged while the batch is projected and stored names it (JSON logs: mdc.batch, mdc.position):
        // the pipeline carries these fields to its projecting and writer threads with the batch.
        try (MDC.MDCCloseable batch = MDC.putCloseable(LogFields.BATCH, Long.toString(batches.incrementAndGet()));
             MDC.MDCCloseable position = MDC.putCloseable(LogFields.POSITION, newest(changes))) {
            submit(changes, unreadable, records, committer);
        }
    }

    private void submit(List<Change> changes, List<DeadLetter> unreadable, List<RecordChangeEvent<SourceRecord>> records,
                        DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        sink.submit(changes, unreadable, new Acknowledgement() {
            @Override
            public void acknowledged() {
                markProcessed(records, committer);
            }

            @Override
            public void failed(RuntimeException cause) {
                if (!closing) {
                    stopOnFailure("the projector could not store a batch: " + cause.getMessage());
                }
            }
        });
    }

    /** The batch is stored: its offsets may be saved (when the engine's commit policy next flushes). */
    private void markProcessed(List<RecordChangeEvent<SourceRecord>> records,
                               DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) {
        if (engineClosing) {
            return;
        }
        try {
            for (RecordChangeEvent<SourceRecord> event : records) {
                committer.markProcessed(event);
            }
            committer.markBatchFinished();
        } catch (InterruptedException e) {
            // Only a close interrupts the writer: this batch's offsets stay unsaved, and it is captured again at the next start.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            stopOnFailure("could not save the source offsets: " + e.getMessage());
        }
    }

    /**
     * Stops the engine from a thread of its own (the caller is the sink's writer, which the engine's close
     * must not wait for), keeping the first reason; the bridge sees the capture stopped with it.
     */
    private void stopOnFailure(String reason) {
        if (failure.compareAndSet(null, reason)) {
            LOG.error("Capture stops: {}", reason);
            Thread stopper = new Thread(() -> {
                try {
                    closeEngine();
                } catch (IOException | IllegalStateException e) {
                    LOG.warn("Stopping the engine after a failure failed", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "monobridge-capture-stop");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    /** The newest source position among the changes, as text; empty for none. */
    private static String newest(List<Change> changes) {
        return changes.isEmpty() ? "" : Change.newest(changes).toString();
    }

    /**
     * Debezium refuses to stop while its tasks are starting (DBZ-2534: they may be opening connections that a
     * stop from another thread would leak), so a close soon after {@link #start()} waits for them, within
     * {@link #TASK_START_WAIT}. An engine that stopped by itself has nothing left to close.
     */
    private void closeEngine() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TASK_START_WAIT.toNanos();
        while (true) {
            try {
                engine.close();
                return;
            } catch (IllegalStateException e) {
                if (isStopped()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                // Returns at once if the engine stops meanwhile.
                stopped.await(CLOSE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Whether the connector has started: its tasks (which connect to the source) start next, and the
     * engine takes changes once they have.
     */
    public boolean isConnectorStarted() {
        return connectorStarted.getCount() == 0;
    }

    /** Whether the engine has stopped, by itself (an error) or by {@link #close()}. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Why the engine stopped by itself, if it did. */
    public String failure() {
        return failure.get();
    }

    /** Waits until the engine stops; true if it did within the timeout. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (!sink.drain(DRAIN_WAIT)) {
                LOG.warn("The projector did not store the batches it held within {} s; they are captured again at the next start",
                        DRAIN_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engineClosing = true;
        try {
            if (engine != null) {
                closeEngine();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.warn("Closing the engine failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("The capture thread did not stop within 60 s");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

}
