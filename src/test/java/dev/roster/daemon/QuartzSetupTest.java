package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quartz settings worked out from the schedule. */
class QuartzSetupTest {
    @Test
    void theMisfireThresholdIsHalfTheShortestGapOfTheScheduleAtMostAMinute() {
        assertThat(QuartzSetup.misfireThreshold("0/5 * * * * ?")).isEqualTo(2_500);
        assertThat(QuartzSetup.misfireThreshold("0/1 * * * * ?")).isEqualTo(500);
        assertThat(QuartzSetup.misfireThreshold("0 0,1 * * * ?")).isEqualTo(30_000);
        assertThat(QuartzSetup.misfireThreshold("0 */5 * * * ?")).isEqualTo(60_000);
        assertThat(QuartzSetup.misfireThreshold("0 0 0 1 1 ? 2099")).isEqualTo(60_000);
        assertThat(QuartzSetup.Options.defaults().forSchedule("0/5 * * * * ?").misfireThresholdMillis())
                .isEqualTo(2_500);
    }
}
