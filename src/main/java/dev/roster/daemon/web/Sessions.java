package dev.roster.daemon.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in sessions of this node, in memory: each a random 256-bit id (the cookie), a random CSRF token that
 * every POST must carry, an expiry, and at most one flash message for the next page. At most {@link #MAX} sessions:
 * beyond, the oldest is dropped.
 */
final class Sessions {
    static final int MAX = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One signed-in browser. */
    static final class Session {
        final String id;
        final String csrf;
        final Instant expires;
        private String flash;

        private Session(String id, String csrf, Instant expires) {
            this.id = id;
            this.csrf = csrf;
            this.expires = expires;
        }

        /** True when {@code given} is the CSRF token of this sign-in, compared in constant time. */
        boolean csrfMatches(String given) {
            return given != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8));
        }

        synchronized void flash(String message) {
            flash = message;
        }

        /** The flash message, once; null when none. */
        synchronized String takeFlash() {
            String f = flash;
            flash = null;
            return f;
        }
    }

    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    Sessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    synchronized Session create() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.expires.isAfter(now));
        while (sessions.size() >= MAX) {
            Iterator<String> oldest = sessions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Session s = new Session(random(), random(), now.plus(lifetime));
        sessions.put(s.id, s);
        return s;
    }

    /** The live session of the cookie's id; empty when unknown or expired. */
    synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s != null && !s.expires.isAfter(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    synchronized void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
