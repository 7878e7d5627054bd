package org.hebb.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hebb.nn.Parameter;
import org.hebb.tensor.Tensor;

/** Small helpers for optimizer tests: parameters with chosen values and chosen gradients. */
final class OptimTesting {
    private OptimTesting() {}

    /** A trainable parameter of shape [values.length]. */
    static Parameter param(String name, float... values) {
        return Parameter.trainable(name, Tensor.of(values.clone(), values.length));
    }

    /**
     * Makes the gradient of {@code p} exactly {@code g}, through autograd: the gradient of
     * {@code sum(w * g)} with respect to {@code w} is {@code g}.
     */
    static void setGrad(Parameter p, float... g) {
        p.value().zeroGrad();
        p.value().mul(Tensor.of(g.clone(), g.length)).sum().backward();
    }

    /** Asserts float values against double expectations within {@code tol}, naming the index. */
    static void assertClose(double[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, "element " + i);
        }
    }
}
