package dev.monobridge.bench.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Ids of live rows: add, remove and pick at random in constant time, in a deterministic order. */
final class LiveIds {

    private final List<Long> ids = new ArrayList<>();
    private final Map<Long, Integer> index = new HashMap<>();

    void add(long id) {
        index.put(id, ids.size());
        ids.add(id);
    }

    void remove(long id) {
        Integer at = index.remove(id);
        if (at == null) {
            return;
        }
        long last = ids.remove(ids.size() - 1);
        if (at < ids.size()) {
            ids.set(at, last);
            index.put(last, at);
        }
    }

    boolean isEmpty() {
        return ids.isEmpty();
    }

    int size() {
        return ids.size();
    }

    long pick(Random random) {
        return ids.get(random.nextInt(ids.size()));
    }
}
