package dev.roster.simulator;

import java.util.Random;

/**
 * Decides which requests fail, from one seeded sequence: a run that sends the same requests in the same
 * order sees the same faults. A rate of 0 never draws, so it does not shift the sequence.
 */
final class FaultInjector {
    private final double failRate;
    private final double failAfterRate;
    private final Random random;

    FaultInjector(double failRate, double failAfterRate, long seed) {
        this.failRate = failRate;
        this.failAfterRate = failAfterRate;
        this.random = new Random(seed);
    }

    /** True when the request is answered 503 before it has any effect. */
    boolean failBefore() {
        return draw(failRate);
    }

    /** True when a write that took effect is answered 503 all the same. */
    boolean failAfter() {
        return draw(failAfterRate);
    }

    private boolean draw(double rate) {
        if (rate <= 0.0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }
}
