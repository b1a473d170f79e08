package dev.monobridge.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.query.QueryServer;
import dev.monobridge.query.QuerySettings;
import dev.monobridge.query.Tokens;

/**
 * Frontends polling documents while the writer works (issue 16): a query server ({@code monobridge serve}'s,
 * on 127.0.0.1 only) over the pipeline's MongoDB database, and {@code readers} threads that each GET
 * documents in turn, sending the ETag they last got for each one ({@code If-None-Match}), as a polling
 * frontend does. Each reader loops until {@link #stop}, one request at a time, and with an interval waits
 * that long between the starts of two requests: the load is bounded by the number of readers (and the
 * interval), never by a queue.
 */
public final class ReadLoad implements AutoCloseable {

    /** Documents of each projection the readers take turns on: enough that most polls find a change. */
    static final int DOCUMENTS_PER_PROJECTION = 100;
    private static final int MAX_PAGE_SIZE = 200;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** What the readers saw. */
    public record Result(int readers, Duration interval, long requests, long notModified, long errors, double seconds, Percentiles latency) {

        public double requestsPerSecond() {
            return seconds > 0 ? requests / seconds : Double.NaN;
        }
    }

    private final QueryServer server;
    private final List<Thread> threads = new ArrayList<>();
    private final List<LatencyRecorder> recorders = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final long started = System.nanoTime();
    private volatile long stopped;

    private final Duration interval;

    private ReadLoad(QueryServer server, Duration interval) {
        this.server = server;
        this.interval = interval;
    }

    /** Starts the server and the readers, on the documents the database holds now. */
    /** @param interval between the starts of one reader's requests; zero: each sends its next as soon as it has an answer */
    public static ReadLoad start(MongoDatabase database, List<ProjectionDefinition> projections, int readers, Duration interval) {
        String token = token();
        // The admin token reads every projection: one token for all the readers, checked as a team's is.
        QueryServer server = QueryServer.start(new QuerySettings("127.0.0.1", 0, Tokens.of(Map.of(), Tokens.sha256Hex(token), null),
                MAX_PAGE_SIZE, Duration.ofSeconds(30)), database, () -> projections);
        List<URI> documents = new ArrayList<>();
        for (ProjectionDefinition projection : projections) {
            for (BsonDocument id : database.getCollection(projection.collection(), BsonDocument.class).find()
                    .projection(Projections.include("_id")).limit(DOCUMENTS_PER_PROJECTION)) {
                documents.add(server.address().resolve("/v1/projections/" + projection.name() + "/documents/" + key(id.get("_id"))));
            }
        }
        ReadLoad load = new ReadLoad(server, interval);
        if (documents.isEmpty()) {
            return load;
        }
        for (int r = 0; r < readers; r++) {
            LatencyRecorder recorder = new LatencyRecorder();
            load.recorders.add(recorder);
            int first = r;
            Thread thread = new Thread(() -> load.poll(documents, first, readers, token, recorder, interval), "bench-reader-" + r);
            thread.setDaemon(true);
            load.threads.add(thread);
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    private void poll(List<URI> documents, int first, int stride, String token, LatencyRecorder recorder, Duration interval) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
        Map<URI, String> etags = new HashMap<>();
        int next = first % documents.size();
        long pacing = System.nanoTime();
        while (running.get()) {
            URI document = documents.get(next);
            next = (next + stride) % documents.size();
            HttpRequest.Builder request = HttpRequest.newBuilder(document).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token).GET();
            String etag = etags.get(document);
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            long sent = System.nanoTime();
            try {
                if (!interval.isZero()) {
                    // The next request starts one interval after this one did, however long this one takes.
                    pacing = Math.max(pacing + interval.toNanos(), sent);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                recorder.record((System.nanoTime() - sent) / 1000);
                requests.incrementAndGet();
                if (response.statusCode() == 304) {
                    notModified.incrementAndGet();
                } else if (response.statusCode() == 200) {
                    response.headers().firstValue("ETag").ifPresent(tag -> etags.put(document, tag));
                } else {
                    errors.incrementAndGet();
                }
                long wait = pacing - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the readers (each finishes the request in hand) and says what they saw. */
    public Result stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(REQUEST_TIMEOUT.toMillis());
        }
        stopped = System.nanoTime();
        LatencyRecorder all = new LatencyRecorder();
        // Each reader's recorder is read only after its thread ended.
        recorders.forEach(all::addAll);
        return new Result(threads.size(), interval, requests.get(), notModified.get(), errors.get(), (stopped - started) / 1e9,
                all.percentiles());
    }

    @Override
    public void close() {
        running.set(false);
        server.close();
    }

    private static String key(BsonValue id) {
        return id.isNumber() ? Long.toString(id.asNumber().longValue()) : id.isString() ? id.asString().getValue() : id.toString();
    }

    private static String token() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
