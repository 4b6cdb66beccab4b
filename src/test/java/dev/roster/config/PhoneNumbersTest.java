package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.Msisdn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a number as people write it becomes an international number, or a message saying why it cannot. */
class PhoneNumbersTest {
    private static final Msisdn ANNA = new Msisdn("+46732001122");
    private final PhoneNumbers sweden = new PhoneNumbers("se");
    private final PhoneNumbers noRegion = new PhoneNumbers(null);

    @ParameterizedTest
    @ValueSource(strings = {"+46 73 200 11 AB", "46 73 200 11 AB", "073 200 11 AB", "+46 73 200 11 22 x"})
    void aNumberWithLettersIsRefusedEvenWhereTheKeypadWouldSpellAValidNumber(String written) {
        // libphonenumber reads letters as keypad digits (A and B are 2): +46 73 200 11 22 would be valid
        PhoneNumbers.Result result = sweden.read(written);

        assertThat(result.ok()).isFalse();
        assertThat(result.number()).isNull();
        assertThat(result.error()).isEqualTo("'" + written + "' is not a valid phone number");
    }

    @Test
    void bareDigitsThatAreNoInternationalNumberAreReadInTheDefaultRegion() {
        // "+732001122" is no valid number (+7 wants 10 national digits), so the default region decides
        PhoneNumbers.Result inSweden = sweden.read("732001122");

        assertThat(inSweden.ok()).isTrue();
        assertThat(inSweden.number()).isEqualTo(ANNA);
        assertThat(inSweden.error()).isNull();
    }

    @Test
    void bareDigitsThatAreNoInternationalNumberAreInvalidWithoutADefaultRegion() {
        PhoneNumbers.Result result = noRegion.read("732001122");

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).isEqualTo("'732001122' is not a valid phone number");
    }

    @Test
    void bareDigitsThatAreAnInternationalNumberStayInternationalWhateverTheRegion() {
        assertThat(sweden.read("447506616260").number()).isEqualTo(new Msisdn("+447506616260"));
        assertThat(noRegion.read(" 46732001122 ").number()).isEqualTo(ANNA);
    }

    @Test
    void aLocalFormNeedsTheDefaultRegion() {
        assertThat(sweden.read("073-200 11 22").number()).isEqualTo(ANNA);
        assertThat(noRegion.read("073-200 11 22").error())
                .isEqualTo("'073-200 11 22' is in local form; write it with its country code (+46...)"
                        + " or set numbers.defaultRegion in the settings");
        assertThat(sweden.read("0732").error()).isEqualTo("'0732' is not a valid phone number");
    }

    @Test
    void emptyAndInvalidNumbersSaySo() {
        assertThat(sweden.read("   ").error()).isEqualTo("empty phone number");
        assertThat(sweden.read("+46 1").error()).isEqualTo("'+46 1' is not a valid phone number");
        assertThat(sweden.read("+46 1").ok()).isFalse();
    }

    @Test
    void regionsAndInternationalDigitsAreCheckedAgainstLibphonenumber() {
        assertThat(PhoneNumbers.isSupportedRegion("se")).isTrue();
        assertThat(PhoneNumbers.isSupportedRegion("XX")).isFalse();
        assertThat(PhoneNumbers.isSupportedRegion(null)).isFalse();
        assertThat(PhoneNumbers.isValidInternational("46732001122")).isTrue();
        assertThat(PhoneNumbers.isValidInternational("4673200")).isFalse();
    }
}
