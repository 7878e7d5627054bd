package org.hebb.cli.bench;

import java.util.Locale;

/**
 * One GEMM to time, {@code C[m, n] = op(A) * op(B)}, written {@code MxNxK[:OP]} where OP is two
 * letters, N or T, for A and B (a T operand is stored transposed, as a backward pass reads it).
 *
 * @param m rows of C
 * @param n columns of C
 * @param k the inner dimension
 * @param transA A is stored {@code [k, m]}
 * @param transB B is stored {@code [n, k]}
 */
public record GemmShape(int m, int n, int k, boolean transA, boolean transB) {

    /** Checks the sizes. */
    public GemmShape {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("gemm shape: sizes must be >= 1, got " + m + "x" + n + "x" + k);
        }
    }

    /** The square product {@code n x n x n}, no transposes. */
    public static GemmShape square(int n) {
        return new GemmShape(n, n, n, false, false);
    }

    /**
     * Parses {@code MxNxK} or {@code MxNxK:OP}, e.g. {@code 21632x64x288} or {@code 288x64x21632:TN}.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static GemmShape parse(String text) {
        String t = text.trim();
        String op = "NN";
        int colon = t.indexOf(':');
        if (colon >= 0) {
            op = t.substring(colon + 1).toUpperCase(Locale.ROOT);
            t = t.substring(0, colon);
        }
        String[] dims = t.toLowerCase(Locale.ROOT).split("x");
        if (dims.length != 3 || !op.matches("[NT]{2}")) {
            throw new IllegalArgumentException("gemm shape: expected MxNxK or MxNxK:OP (OP one of NN, NT, TN, TT), got '"
                    + text + "'");
        }
        try {
            return new GemmShape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]),
                    op.charAt(0) == 'T', op.charAt(1) == 'T');
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gemm shape: expected whole numbers in '" + text + "'", e);
        }
    }

    /** The two-letter transpose code, e.g. {@code "TN"}. */
    public String op() {
        return (transA ? "T" : "N") + (transB ? "T" : "N");
    }

    /** The form {@link #parse} reads, e.g. {@code "288x64x21632:TN"}. */
    public String spec() {
        return m + "x" + n + "x" + k + ":" + op();
    }

    /** How a result line names it: {@code "n=1024"} for a plain square, else all sizes and the op. */
    public String label() {
        if (m == n && n == k && !transA && !transB) {
            return "n=" + n;
        }
        return "m=" + m + " n=" + n + " k=" + k + " op=" + op();
    }

    /** Floating-point operations of one product: {@code 2 m n k}. */
    public double flop() {
        return 2.0 * m * n * k;
    }
}
