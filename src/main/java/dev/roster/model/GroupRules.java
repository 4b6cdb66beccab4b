package dev.roster.model;

import java.util.regex.Pattern;

/**
 * The rules a declared group's key and subject follow. The desired-state loader applies them to the files,
 * and the saved-plan reader to every key and subject of a plan before it is applied, so a plan file can
 * never carry a subject the files could not.
 */
public final class GroupRules {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private GroupRules() {
    }

    /** True for a key of the form {@code [a-z0-9][a-z0-9._-]*}. */
    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /**
     * Why {@code subject} may not be a group's subject, or null when it may: it must be one line of text
     * without control characters, and at most {@code maxLength} characters (code points) long. An empty or
     * blank subject is the caller's to report, since where it comes from decides how it is told.
     */
    public static String subjectProblem(String subject, int maxLength) {
        if (subject.codePoints().anyMatch(Character::isISOControl)) {
            return "subject must be one line of text, without line breaks, tabs or other control characters";
        }
        int length = subject.codePointCount(0, subject.length());
        if (length > maxLength) {
            return "subject is " + length + " characters long; at most " + maxLength
                    + " are allowed (reconcile.subjectMaxLength)";
        }
        return null;
    }
}
