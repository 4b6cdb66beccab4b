package dev.roster.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.Msisdn;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the mask draws its lines: which runs of digits in free text count as phone numbers, and what stays. */
class NumberMaskTest {
    private final NumberMask mask = new NumberMask(Set.of(Msisdn.parse("+46732001122")));

    @Test
    void bareRunsOfEightDigitsStayAndOfNineAreMasked() {
        assertThat(mask.text("order 01234567 shipped")).isEqualTo("order 01234567 shipped");
        assertThat(mask.text("order 012345678 shipped")).isEqualTo("order ••••••678 shipped");
        assertThat(mask.text("order 12345678 shipped")).isEqualTo("order 12345678 shipped");
        assertThat(mask.text("order 123456789 shipped")).as("read as +1 234...").isEqualTo("order +1 2•• ••7 89 shipped");
        assertThat(mask.text("ref 0732-00 99")).as("8 digits with separators").isEqualTo("ref 0732-00 99");
        assertThat(mask.text("ref 0732-009-99")).as("9 digits with separators").isEqualTo("ref ••••-••9-99");
    }

    @Test
    void aRunWithAPlusIsMaskedHoweverShort() {
        assertThat(mask.text("dial +1234567 now")).isEqualTo("dial +1 ••• 567 now");
    }

    @Test
    void aDeclaredNumberStaysWrittenAsItWasInText() {
        assertThat(mask.text("ask +46 73 200 11 22")).isEqualTo("ask +46 73 200 11 22");
        assertThat(mask.text("ask 46732001122")).isEqualTo("ask 46732001122");
        assertThat(mask.text("ask 46732001123")).isEqualTo("ask +46 7•• ••• 123");
    }

    @Test
    void theCreatorInsideAGroupIdIsMaskedUnlessDeclared() {
        assertThat(mask.groupId(dev.roster.model.GroupId.of("group:46732001122-1600000000")))
                .isEqualTo("group:46732001122-1600000000");
        assertThat(mask.groupId(dev.roster.model.GroupId.of("group:46732001123-1600000000")))
                .isEqualTo("group:467•••••123-1600000000");
        assertThat(mask.text(null)).isNull();
    }

    @Test
    void shortNationalNumbersKeepFewerDigits() {
        // national parts of 8, 7, 6 and 5 digits: the first digit is kept from 8 on, the last three from 6 on
        assertThat(NumberMask.mask(new Msisdn("+4673200112"))).isEqualTo("+46 7•• ••1 12");
        assertThat(NumberMask.mask(new Msisdn("+467320011"))).isEqualTo("+46 ••• •011");
        assertThat(NumberMask.mask(new Msisdn("+46732001"))).isEqualTo("+46 ••• 001");
        assertThat(NumberMask.mask(new Msisdn("+4673200"))).isEqualTo("+46 ••• 00");
        assertThat(NumberMask.mask(new Msisdn("+79161234567"))).isEqualTo("+7 9•• ••• •567");
        assertThat(NumberMask.mask(new Msisdn("+380441234567"))).isEqualTo("+380 4•• ••• 567");
    }
}
