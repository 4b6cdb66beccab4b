package dev.roster.config;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.roster.model.Msisdn;
import java.util.Locale;

/**
 * Turns a number as people write it into a canonical {@link Msisdn}, using libphonenumber:
 * {@code +46 73 200 11 22} and {@code 46732001122} are international; {@code 0732001122} is local and
 * needs {@code numbers.defaultRegion}.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** The outcome of reading one number: the number, or a message saying why not. */
    public record Result(Msisdn number, String error) {
        public boolean ok() {
            return number != null;
        }
    }

    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region code for local forms, or null when none is configured */
    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion == null ? null : defaultRegion.toUpperCase(Locale.ROOT);
    }

    public static boolean isSupportedRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /** Whether {@code digits} (international, no '+') is a valid number for some region. */
    public static boolean isValidInternational(String digits) {
        return valid("+" + digits, null) != null;
    }

    public Result read(String written) {
        String text = written.strip();
        if (text.isEmpty()) {
            return new Result(null, "empty phone number");
        }
        if (text.startsWith("+")) {
            return orInvalid(valid(text, null), written);
        }
        if (text.startsWith("0")) {
            if (defaultRegion == null) {
                return new Result(null, "'" + written + "' is in local form; write it with its country code (+46...)"
                        + " or set numbers.defaultRegion in the settings");
            }
            return orInvalid(valid(text, defaultRegion), written);
        }
        Msisdn international = valid("+" + text, null);
        if (international == null && defaultRegion != null) {
            international = valid(text, defaultRegion);
        }
        return orInvalid(international, written);
    }

    private static Result orInvalid(Msisdn number, String written) {
        return number != null ? new Result(number, null)
                : new Result(null, "'" + written + "' is not a valid phone number");
    }

    private static Msisdn valid(String text, String region) {
        if (!text.chars().allMatch(c -> (c >= '0' && c <= '9') || " +-.()/".indexOf(c) >= 0)) {
            return null;
        }
        try {
            PhoneNumber parsed = UTIL.parse(text, region);
            if (!UTIL.isValidNumber(parsed)) {
                return null;
            }
            return new Msisdn(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException | IllegalArgumentException e) {
            return null;
        }
    }
}
