package dev.roster.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MsisdnTest {

    @ParameterizedTest
    @ValueSource(strings = {"+46732001122", "46732001122", "+46 73-200 11 22", "+46 (73) 200.11.22", "46 732 001 122"})
    void everyInternationalSpellingParsesToOneCanonicalNumber(String spelling) {
        Msisdn n = Msisdn.parse(spelling);

        assertThat(n.e164()).isEqualTo("+46732001122");
        assertThat(n).isEqualTo(new Msisdn("+46732001122")).hasSameHashCodeAs(new Msisdn("+46732001122"));
        assertThat(n.compareTo(new Msisdn("+46732001122"))).isZero();
        assertThat(n.digits()).isEqualTo("46732001122");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "0732001122", "+0732001122", "123456", "+12345678901234567", "46-73x",
        "46732001122+"})
    void whatIsNotAnInternationalNumberIsRefused(String spelling) {
        assertThatThrownBy(() -> Msisdn.parse(spelling)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShortestAndLongestE164NumbersAreCanonicalAndOneDigitBeyondIsNot() {
        assertThat(Msisdn.parse("+4612345").e164()).as("7 digits").isEqualTo("+4612345");
        assertThat(Msisdn.parse("+461234567890123").e164()).as("15 digits").isEqualTo("+461234567890123");
        assertThat(Msisdn.parse("461234567890123").e164()).as("15 digits without '+'").isEqualTo("+461234567890123");
        assertThatThrownBy(() -> Msisdn.parse("+4612345678901234")).as("16 digits")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
