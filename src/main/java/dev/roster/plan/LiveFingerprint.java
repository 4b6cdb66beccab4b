package dev.roster.plan;

import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.SortedSet;

/**
 * A short, stable hash of what a plan depends on in a live group: subject, creator, admins and members
 * (not the id, not the creation time). A saved plan stores it per group; the applier re-reads the group
 * and refuses it when the fingerprint no longer matches ("stale plan").
 *
 * <p>The value is the first 16 hex digits (64 bits) of a SHA-256 over an unambiguous text form:
 * numbers canonical and sorted, the subject length-prefixed. It is the same on every JVM and run.
 */
public final class LiveFingerprint {
    private static final int HEX_DIGITS = 16;

    private LiveFingerprint() {
    }

    public static String of(LiveGroup g) {
        StringBuilder canonical = new StringBuilder(64 + 16 * (g.admins().size() + g.members().size()))
                .append("roster-live-v1\n")
                .append("subject:").append(g.subject().length()).append(':').append(g.subject()).append('\n')
                .append("creator:").append(g.creator() == null ? "" : g.creator().e164()).append('\n')
                .append("admins:");
        join(g.admins(), canonical);
        canonical.append("\nmembers:");
        join(g.members(), canonical);
        canonical.append('\n');
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, HEX_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Appends the numbers sorted by their E.164 text, comma-separated (no sort when already in that order). */
    private static void join(Set<Msisdn> numbers, StringBuilder out) {
        Iterable<String> sorted = numbers instanceof SortedSet<Msisdn> s && s.comparator() == null
                ? () -> s.stream().map(Msisdn::e164).iterator()
                : numbers.stream().map(Msisdn::e164).sorted().toList();
        boolean first = true;
        for (String n : sorted) {
            if (!first) {
                out.append(',');
            }
            out.append(n);
            first = false;
        }
    }
}
