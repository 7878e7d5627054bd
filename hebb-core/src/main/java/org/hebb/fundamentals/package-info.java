/**
 * The guide's own code, from scratch, in double precision: {@link org.hebb.fundamentals.Perceptron},
 * {@link org.hebb.fundamentals.Activations}, {@link org.hebb.fundamentals.NeuralNetwork} (forward
 * propagation and backpropagation), {@link org.hebb.fundamentals.Losses} and the optimizers
 * {@link org.hebb.fundamentals.SGD} and {@link org.hebb.fundamentals.Adam}.
 *
 * <p>Each class mirrors the NumPy code of {@code deep-learning-fundamentals.md} line by line,
 * so the two can be read side by side; NumPy computes in float64, so this package does too.
 * It depends on nothing but the JDK (not even the rest of hebb): it is the reference that the
 * float32 library ({@code org.hebb.nn}, {@code org.hebb.train}) is tested against.
 *
 * <p>Where the guide's code is wrong or misnamed, this package does the right thing and says so:
 * <ul>
 *   <li>the guide's "Xavier initialization" {@code randn * sqrt(2 / fan_in)} is <b>He</b>
 *       (Kaiming) initialization; Xavier/Glorot uses {@code sqrt(2 / (fan_in + fan_out))};</li>
 *   <li>the guide's {@code backward} updates {@code weights[i]} and then propagates the error
 *       through the <em>updated</em> weights; {@link org.hebb.fundamentals.NeuralNetwork#backward}
 *       propagates through the weights of the forward pass, as the chain rule requires;</li>
 *   <li>the guide's {@code Adam} keeps one state ({@code m}, {@code v}, {@code t}) for one
 *       parameter array, so a network needs one instance per weight matrix and per bias vector;
 *       {@link org.hebb.fundamentals.Adam} refuses an array of another shape instead of mixing
 *       states.</li>
 * </ul>
 */
package org.hebb.fundamentals;
