package dev.roster.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The live groups of every bot that the desired state names. */
public record LiveState(Map<BotId, LiveBot> bots) {
    public LiveState {
        bots = Collections.unmodifiableMap(new TreeMap<>(bots));
    }

    public LiveBot of(BotId bot) {
        LiveBot live = bots.get(bot);
        return live != null ? live : new LiveBot(bot, java.util.List.of(), Map.of());
    }
}
