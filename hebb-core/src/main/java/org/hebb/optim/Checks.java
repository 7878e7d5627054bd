package org.hebb.optim;

/** Argument checks shared by the optimizers and schedules; messages name the class and setting. */
final class Checks {
    private Checks() {}

    /** {@code value} finite and {@code > 0}. */
    static double positive(String who, String what, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(who + ": " + what + " must be > 0, got " + value);
        }
        return finite(who, what, value);
    }

    /** {@code value} finite and {@code >= 0}. */
    static double nonNegative(String who, String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(who + ": " + what + " must be >= 0, got " + value);
        }
        return finite(who, what, value);
    }

    /** {@code value} in {@code [0, 1)}. */
    static double unitInterval(String who, String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(who + ": " + what + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code value} in {@code [0, 1]}. */
    static double closedUnitInterval(String who, String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(who + ": " + what + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /** A step argument of a schedule. */
    static void step(String who, long step) {
        if (step < 0) {
            throw new IllegalArgumentException(who + ": step must be >= 0, got " + step);
        }
    }

    private static double finite(String who, String what, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + ": " + what + " must be finite, got " + value);
        }
        return value;
    }
}
