package dev.roster.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.model.BotId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

    @Test
    void defaultsAreAQuietEphemeralSimulator() {
        SimulatorConfig config = SimulatorConfig.defaults();

        assertThat(config.port()).isZero();
        assertThat(config.token()).isEqualTo("roster-dev-token");
        assertThat(config.latencyMillis()).isZero();
        assertThat(config.failRate()).isZero();
        assertThat(config.failAfterRate()).isZero();
        assertThat(config.seed()).isEqualTo(1);
        assertThat(config.stateFile()).isNull();
        assertThat(config.persist()).isFalse();
        assertThat(config.extraBots()).isEmpty();
    }

    @Test
    void copyHelpersChangeOneThing() {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withBot(BotId.of("46700000002"))
                .withBot(BotId.of("46700000001"))
                .withStateFile(Path.of("s.yaml"))
                .withPersist(true)
                .withSeed(9);

        assertThat(config.extraBots()).containsExactly(BotId.of("46700000001"), BotId.of("46700000002"));
        assertThat(config.stateFile()).isEqualTo(Path.of("s.yaml"));
        assertThat(config.persist()).isTrue();
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.token()).isEqualTo(SimulatorConfig.DEFAULT_TOKEN);
    }

    @Test
    void ratesOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> SimulatorConfig.defaults().withFailRate(1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorConfig.defaults().withFailAfterRate(-0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorConfig.defaults().withFailRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void persistingWithoutAStateFileIsRefusedAtStart() {
        assertThatThrownBy(() -> Simulator.start(SimulatorConfig.defaults().withPersist(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state file");
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(SimulatorConfig.defaults().withToken("s3cret-value").toString()).doesNotContain("s3cret-value");
    }

    @Test
    void aRateLimitMustBeAboveZeroAndHaveAScope() {
        assertThat(SimulatorConfig.defaults().rateLimit().enabled()).isFalse();
        assertThat(SimulatorConfig.defaults().withRateLimit(100, RateLimitScope.BOT).rateLimit())
                .isEqualTo(new RateLimit(100, RateLimitScope.BOT));

        assertThatThrownBy(() -> SimulatorConfig.defaults().withRateLimit(0, RateLimitScope.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above 0");
        assertThatThrownBy(() -> SimulatorConfig.defaults().withRateLimit(Double.NaN, RateLimitScope.ALL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorConfig.defaults().withRateLimit(10, null))
                .isInstanceOf(NullPointerException.class);
    }
}
