package dev.roster.plan;

import dev.roster.model.JoinRequest;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.SortedSet;

/**
 * A short, stable hash of what a plan depends on in a live group: subject, creator, admins and members, and where
 * the provider has them the description, the suspension and the requests to join (not the id, not the creation
 * time). A saved plan stores it per group; the applier re-reads the group
 * and refuses it when the fingerprint no longer matches ("stale plan").
 *
 * <p>The value is the first 16 hex digits (64 bits) of a SHA-256 over an unambiguous text form:
 * numbers canonical and sorted, the subject, description and request ids length-prefixed; the lines of the
 * description, suspension and join requests only when there is a description, a suspension or a request, so that a
 * group of a provider without them has the value it had before they existed. It is the same on every JVM and run.
 */
public final class LiveFingerprint {
    private static final int HEX_DIGITS = 16;

    private LiveFingerprint() {
    }

    public static String of(LiveGroup g) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        DigestText text = new DigestText(sha);
        text.append("roster-live-v1\nsubject:" + g.subject().length() + ":" + g.subject() + "\ncreator:"
                + (g.creator() == null ? "" : g.creator().e164()) + "\nadmins:");
        join(g.admins(), text);
        text.append("\nmembers:");
        join(g.members(), text);
        text.append("\n");
        // only where present, so that a group without them keeps the value it always had
        if (g.description() != null) {
            text.append("description:" + g.description().length() + ":" + g.description() + "\n");
        }
        if (g.suspended()) {
            text.append("suspended\n");
        }
        if (!g.joinRequests().isEmpty()) {
            text.append("join_requests:");
            for (JoinRequest r : g.joinRequests()) {
                text.append(r.id().length() + ":" + r.id() + "=" + r.number().e164() + ",");
            }
            text.append("\n");
        }
        return HexFormat.of().formatHex(text.digest(), 0, HEX_DIGITS / 2);
    }

    /** Feeds the numbers sorted by their E.164 text, comma-separated (no sort when already in that order). */
    private static void join(Set<Msisdn> numbers, DigestText out) {
        Iterable<String> sorted = numbers instanceof SortedSet<Msisdn> s && s.comparator() == null
                ? () -> s.stream().map(Msisdn::e164).iterator()
                : numbers.stream().map(Msisdn::e164).sorted().toList();
        boolean first = true;
        for (String n : sorted) {
            if (!first) {
                out.append(",");
            }
            out.append(n);
            first = false;
        }
    }

    /** UTF-8 text fed to a digest through a small buffer, so the whole text is never built as one string. */
    private static final class DigestText {
        private final MessageDigest sha;
        private final byte[] buffer = new byte[512];
        private int used;

        DigestText(MessageDigest sha) {
            this.sha = sha;
        }

        void append(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    flush();
                    sha.update(s.substring(i).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (used == buffer.length) {
                    flush();
                }
                buffer[used++] = (byte) c;
            }
        }

        byte[] digest() {
            flush();
            return sha.digest();
        }

        private void flush() {
            sha.update(buffer, 0, used);
            used = 0;
        }
    }
}
