package dev.roster.render;

import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.NumberSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides phone numbers that do not appear in the desired files, for output that may be public (a pull
 * request comment). Declared numbers are shown in full: they are in the repository already.
 *
 * <p>A masked number keeps its country calling code and the last three digits; the national number is
 * written in groups of three from the left (a trailing single digit joins the last group), its first
 * digit is kept when it has 8 digits or more, and every other digit becomes {@code •}:
 * {@code +46732001999} becomes {@code +46 7•• ••• 999}, {@code +467320019999} becomes
 * {@code +46 7•• ••• •999}. The calling code is found by the ITU rule that codes are prefix-free:
 * 1 and 7 are one digit, a fixed list is two digits, every other code three.
 *
 * <p>{@link #text} also masks numbers inside free text (subjects, messages) and the creator number
 * inside group ids ({@code group:<msisdn>-<epoch>}); see {@link #maskRun} for what counts as a number.
 */
final class NumberMask {
    static final char DOT = '•';
    private static final Set<String> TWO_DIGIT_CODES = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
            "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
            "86", "90", "91", "92", "93", "94", "95", "98");
    /** A group id, or a run of 7 to 15 digits, optionally with a leading '+' and single spaces or dashes. */
    private static final Pattern NUMBER_LIKE =
            Pattern.compile("group:(\\d+)-(\\d+)|\\+?\\d(?:[ -]?\\d){6,14}(?!\\d)");

    /** Sorted, looked up by binary search; a plan's lazy set of declared numbers is gathered on the first lookup. */
    private final NumberSet visible;
    /** Bot ids, shown as they are everywhere (in tables, group ids and text alike): the files name them. */
    private final Set<String> bots;

    NumberMask(Set<Msisdn> visible) {
        this(visible, Set.of());
    }

    NumberMask(Set<Msisdn> visible, Set<String> bots) {
        this.visible = NumberSet.copyOf(visible); // no copy of a NumberSet, and a lazy one stays lazy
        this.bots = Set.copyOf(bots);
    }

    String number(Msisdn n) {
        return visible.contains(n) ? n.e164() : mask(n);
    }

    String groupId(GroupId id) {
        return text(id.value());
    }

    /** {@code text} with every number-like run that is not a declared number masked. */
    String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER_LIKE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                Msisdn creator = parse(m.group(1));
                replacement = creator == null || visible.contains(creator) || bots.contains(m.group(1))
                        ? m.group()
                        : "group:" + mask(creator).substring(1).replace(" ", "") + "-" + m.group(2);
            } else {
                replacement = maskRun(m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A number-like run in free text: masked when it starts with '+' or has 9 digits or more (shorter bare
     * runs are more likely dates or counts than phone numbers). Runs that are no valid international
     * number (local forms) keep only their last three digits.
     */
    private String maskRun(String run) {
        long digits = run.chars().filter(Character::isDigit).count();
        if (!run.startsWith("+") && digits < 9 || bots.contains(run.replaceAll("\\D", ""))) {
            return run;
        }
        Msisdn n = run.startsWith("0") ? null : parse(run);
        if (n != null) {
            return visible.contains(n) ? run : mask(n);
        }
        StringBuilder out = new StringBuilder(run.length());
        long seen = 0;
        for (char c : run.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen > digits - 3 ? c : DOT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String mask(Msisdn n) {
        String digits = n.digits();
        int ccLength = callingCodeLength(digits);
        String cc = digits.substring(0, ccLength);
        String national = digits.substring(ccLength);
        int len = national.length();
        int keepTail = len >= 6 ? 3 : Math.max(0, len - 3);
        int keepHead = len >= 8 ? 1 : 0;
        StringBuilder masked = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            masked.append(i < keepHead || i >= len - keepTail ? national.charAt(i) : DOT);
        }
        return "+" + cc + " " + group(masked.toString());
    }

    private static String group(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int end = s.length() - i <= 4 ? s.length() : i + 3;
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(s, i, end);
            i = end;
        }
        return out.toString();
    }

    private static int callingCodeLength(String digits) {
        char first = digits.charAt(0);
        if (first == '1' || first == '7') {
            return 1;
        }
        return TWO_DIGIT_CODES.contains(digits.substring(0, 2)) ? 2 : 3;
    }

    private static Msisdn parse(String raw) {
        try {
            return Msisdn.parse(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
