package dev.roster.daemon;

import java.util.LinkedHashMap;
import java.util.Map;

/** The latest delivery ids a webhook received, a bounded number of them, to drop redeliveries. Thread-safe. */
final class Deliveries {
    private final Map<String, Boolean> seen;

    Deliveries(int capacity) {
        seen = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time {@code delivery} is given (or again once it was forgotten among the oldest). */
    synchronized boolean firstTime(String delivery) {
        return seen.put(delivery, Boolean.TRUE) == null;
    }
}
