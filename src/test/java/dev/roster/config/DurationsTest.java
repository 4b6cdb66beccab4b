package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void eachUnitIsReadAsWritten() {
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("999999999ms")).isEqualTo(Duration.ofMillis(999_999_999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 s", "s", "1d", "-1s", "1.5s", "1000000000ms", "0s0"})
    void whatIsNoDurationIsNull(String text) {
        assertThat(Durations.parse(text)).isNull();
    }

    @Test
    void formatWritesTheLargestUnitThatDividesTheDuration() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0");
        assertThat(Durations.format(Duration.ofHours(3))).isEqualTo("3h");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("61s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMillis(200))).isEqualTo("200ms");
    }

    @Test
    void whatFormatWritesParseReadsBack() {
        for (Duration d : new Duration[] {Duration.ofMillis(7), Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofHours(25)}) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
    }
}
