package dev.roster.cli;

import dev.roster.config.RosterSettings;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.render.PlanTarget;
import dev.roster.simulator.SimulatorConfig;
import java.util.function.Function;

/**
 * What a saved plan is bound to, for {@code plan --out} and {@code apply --plan} alike: the API (the sandbox,
 * or the base URL in force) and the tokens its signature is keyed from (the sandbox's fixed token, or each
 * bot's configured one).
 */
final class PlanKeys {
    private PlanKeys() {
    }

    static PlanTarget target(GlobalOptions global, RosterSettings settings) {
        return global.sandbox ? PlanTarget.sandbox() : PlanTarget.of(settings.api().baseUrl());
    }

    /** Each bot's token; null for a bot without one. */
    static Function<BotId, Secret> tokens(GlobalOptions global, RosterSettings settings) {
        if (global.sandbox) {
            Secret sandbox = Secret.of(SimulatorConfig.DEFAULT_TOKEN);
            return bot -> sandbox;
        }
        return settings.api()::tokenFor;
    }
}
