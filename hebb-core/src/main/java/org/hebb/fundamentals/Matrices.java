package org.hebb.fundamentals;

import java.util.Arrays;

/**
 * The few NumPy operations the guide's code uses, on {@code double[][]} row-major matrices
 * ({@code a[row][column]}), plus the shape checks that make a wrong input fail early.
 */
final class Matrices {
    private Matrices() {}

    /** {@code a · b}: {@code [n, k] · [k, m] -> [n, m]} (zeros of {@code a} are skipped: ReLU outputs and blank pixels). */
    static double[][] dot(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            double[] ai = a[i];
            for (int k = 0; k < ai.length; k++) {
                double aik = ai[k];
                if (aik == 0) {
                    continue;
                }
                double[] bk = b[k];
                for (int j = 0; j < m; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        return c;
    }

    /** {@code a.T · b}: {@code [n, k]^T · [n, m] -> [k, m]}. */
    static double[][] dotTransposedA(double[][] a, double[][] b) {
        int k = a[0].length;
        int m = b[0].length;
        double[][] c = new double[k][m];
        for (int r = 0; r < a.length; r++) {
            double[] ar = a[r];
            double[] br = b[r];
            for (int i = 0; i < k; i++) {
                double air = ar[i];
                if (air == 0) {
                    continue;
                }
                double[] ci = c[i];
                for (int j = 0; j < m; j++) {
                    ci[j] += air * br[j];
                }
            }
        }
        return c;
    }

    /** {@code a · b.T}: {@code [n, m] · [k, m]^T -> [n, k]}. */
    static double[][] dotTransposedB(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        double[][] c = new double[n][k];
        for (int i = 0; i < n; i++) {
            double[] ai = a[i];
            for (int j = 0; j < k; j++) {
                double[] bj = b[j];
                double s = 0;
                for (int t = 0; t < ai.length; t++) {
                    s += ai[t] * bj[t];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    /** A deep copy. */
    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /**
     * Checks that {@code a} is a non-null matrix of {@code rows x cols} ({@code rows < 0}:
     * any number of rows, at least one); {@code what} names the caller and argument in the message.
     */
    static void requireShape(String what, double[][] a, int rows, int cols) {
        if (a == null) {
            throw new IllegalArgumentException(what + ": expected a matrix, got null");
        }
        if (a.length == 0 || (rows >= 0 && a.length != rows)) {
            throw new IllegalArgumentException(what + ": expected " + (rows < 0 ? "at least 1" : String.valueOf(rows))
                    + " rows, got " + a.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != cols) {
                throw new IllegalArgumentException(what + ": expected " + cols + " columns in every row, got "
                        + (a[i] == null ? "null" : String.valueOf(a[i].length)) + " in row " + i);
            }
        }
    }

    /** Checks that every row of {@code a} (non-empty) has the length of row 0; returns that length. */
    static int requireRectangular(String what, double[][] a) {
        if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(what + ": expected a non-empty matrix, got "
                    + (a == null ? "null" : a.length == 0 ? "0 rows" : "an empty first row"));
        }
        requireShape(what, a, a.length, a[0].length);
        return a[0].length;
    }

    /** Checks that {@code a} is a non-null vector of length {@code n}. */
    static void requireLength(String what, double[] a, int n) {
        if (a == null) {
            throw new IllegalArgumentException(what + ": expected " + n + " values, got null");
        }
        if (a.length != n) {
            throw new IllegalArgumentException(what + ": expected " + n + " values, got " + a.length);
        }
    }

    /** {@code [rows, cols]} as text. */
    static String shape(double[][] a) {
        return "[" + a.length + ", " + (a.length == 0 || a[0] == null ? 0 : a[0].length) + "]";
    }

    /** True when both matrices hold the same numbers. */
    static boolean same(double[][] a, double[][] b) {
        return Arrays.deepEquals(a, b);
    }
}
