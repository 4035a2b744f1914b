package app.earshot.making;

/** Refusal from the {@link Maker}: a person's production would wait too long; try again after {@link #retryAfterSeconds()}. */
public final class Busy extends RuntimeException {
    private final int retryAfterSeconds;

    Busy(int retryAfterSeconds) {
        super("busy making audio; retry after " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
