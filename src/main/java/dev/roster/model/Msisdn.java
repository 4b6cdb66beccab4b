package dev.roster.model;

import java.util.Objects;

/**
 * A phone number in canonical E.164 form ({@code +46732001122}). Two spellings of one number are
 * equal only once both are canonical, so every comparison in roster goes through this type.
 *
 * <p>{@link #parse} accepts international numbers as the API sends them: with or without '+', with
 * spaces, dashes, dots or brackets. Local forms ({@code 0732001122}) need a region and are turned
 * into international ones by the {@code config} package before they get here.
 */
public record Msisdn(String e164) implements Comparable<Msisdn> {

    public Msisdn {
        Objects.requireNonNull(e164, "number");
        if (!isCanonical(e164)) {
            throw new IllegalArgumentException("not an E.164 number: " + e164);
        }
    }

    /** Reads an international number with or without '+'; throws {@link IllegalArgumentException} otherwise. */
    public static Msisdn parse(String raw) {
        Objects.requireNonNull(raw, "number");
        if (isCanonical(raw)) {
            return new Msisdn(raw);
        }
        String withPlus = raw.isEmpty() || raw.charAt(0) == '+' ? null : "+" + raw;
        if (withPlus != null && isCanonical(withPlus)) {
            return new Msisdn(withPlus); // digits only: how the API writes numbers
        }
        StringBuilder digits = new StringBuilder(16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && digits.length() == 0) {
                // a leading '+' is the international prefix
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                throw new IllegalArgumentException("not a phone number: " + raw);
            }
        }
        String international = "+" + digits;
        if (!isCanonical(international)) {
            throw new IllegalArgumentException("not an international phone number: " + raw);
        }
        return new Msisdn(international);
    }

    /** Digits only, no '+': the form the group API expects in requests. */
    public String digits() {
        return e164.substring(1);
    }

    private static boolean isCanonical(String s) {
        int n = s.length();
        if (n < 8 || n > 16 || s.charAt(0) != '+' || s.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Msisdn other) {
        return this == other ? 0 : e164.compareTo(other.e164);
    }

    // equals and hashCode written out: the planner compares millions of numbers, mostly shared instances, and a
    // record's generated methods neither take the identity shortcut nor run fast before the JIT's last tier

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Msisdn other && e164.equals(other.e164);
    }

    @Override
    public int hashCode() {
        return e164.hashCode();
    }

    @Override
    public String toString() {
        return e164;
    }
}
