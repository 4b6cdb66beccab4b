package dev.roster.config;

import java.util.Locale;

/**
 * Finds Unicode format characters (general category Cf, {@link Character#FORMAT}) in a subject: bidirectional
 * controls such as U+202E RIGHT-TO-LEFT OVERRIDE and invisible ones such as U+200B ZERO WIDTH SPACE let a subject
 * look exactly like another one. Two uses of format characters inside emoji are not refused, since subjects
 * with emoji are common: U+200D ZERO WIDTH JOINER between two emoji (as in a family emoji), and the tag
 * characters U+E0020 to U+E007F after U+1F3F4 WAVING BLACK FLAG (the flags of England, Scotland and Wales).
 */
final class FormatCharacters {
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int VARIATION_SELECTOR_16 = 0xFE0F;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int FIRST_TAG = 0xE0020;
    private static final int CANCEL_TAG = 0xE007F;

    private FormatCharacters() {}

    /**
     * A description of the first format character in {@code text} outside an emoji sequence, such as
     * {@code U+202E RIGHT-TO-LEFT OVERRIDE (character 7)}, or null when there is none.
     */
    static String first(String text) {
        int[] cps = text.codePoints().toArray();
        boolean inTags = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (Character.getType(cp) != Character.FORMAT) {
                inTags = cp == BLACK_FLAG;
                continue;
            }
            boolean tag = cp >= FIRST_TAG && cp <= CANCEL_TAG;
            if (tag && inTags) {
                inTags = cp != CANCEL_TAG;
                continue;
            }
            inTags = false;
            if (cp == ZERO_WIDTH_JOINER && i > 0 && i + 1 < cps.length && joinsEmoji(cps[i - 1], cps[i + 1])) {
                continue;
            }
            String name = Character.getName(cp);
            return String.format(Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " " + name)
                    + " (character " + (i + 1) + ")";
        }
        return null;
    }

    private static boolean joinsEmoji(int before, int after) {
        int typeBefore = Character.getType(before);
        boolean emojiBefore = typeBefore == Character.OTHER_SYMBOL || typeBefore == Character.MODIFIER_SYMBOL
                || before == VARIATION_SELECTOR_16;
        return emojiBefore && Character.getType(after) == Character.OTHER_SYMBOL;
    }
}
