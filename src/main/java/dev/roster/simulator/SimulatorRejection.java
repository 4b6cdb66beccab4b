package dev.roster.simulator;

/**
 * The simulated API refused an operation; {@link #status()} is the HTTP status it answers with (400 for a
 * validation error, 404 for an unknown group) and the message is the {@code reason} of the error body.
 */
public final class SimulatorRejection extends RuntimeException {
    private final int status;

    SimulatorRejection(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static SimulatorRejection validation(String reason) {
        return new SimulatorRejection(400, reason);
    }

    static SimulatorRejection notFound(String reason) {
        return new SimulatorRejection(404, reason);
    }

    public int status() {
        return status;
    }
}
