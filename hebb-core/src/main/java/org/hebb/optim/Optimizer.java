package org.hebb.optim;

import java.util.List;
import java.util.Map;
import org.hebb.nn.Parameter;

/**
 * Updates a model's trainable parameters from their gradients.
 *
 * <p><b>Call order.</b> One training step is:
 * <ol>
 *   <li>the trainer computes the loss and calls {@code loss.backward()}, which fills every
 *       trainable parameter's gradient;</li>
 *   <li>the trainer calls {@link #step(List) optimizer.step(params)}, which (after optional
 *       gradient clipping) updates each trainable parameter with a gradient, in place, and
 *       increments {@link #iterations()};</li>
 *   <li>the trainer zeroes the gradients ({@code value().zeroGrad()} on each parameter), since
 *       {@code backward()} adds to what a gradient already holds.</li>
 * </ol>
 *
 * <p><b>State.</b> Per-parameter state (Adam's moments, momentum buffers) is created lazily on
 * the first step and kept under the parameter's {@link Parameter#name() name}, so the same
 * optimizer must always see the same names for the same weights, and two parameters given to
 * one step must have different names. {@link #stateDict()} and {@link #loadStateDict(Map)}
 * save and restore it exactly (for checkpoints); {@link #config()} gives the hyperparameters.
 *
 * <p><b>Gradient clipping</b> (Keras' {@code clipnorm}, {@code clipvalue},
 * {@code global_clipnorm}): at most one of {@link #clipByNorm}, {@link #clipByValue} and
 * {@link #clipByGlobalNorm} may be set. Clipping is applied in {@code step} to a copy of each
 * gradient; the parameters' gradient arrays are never modified.
 *
 * <p>Optimizers are not thread-safe: one training loop owns one optimizer.
 */
public interface Optimizer {

    /**
     * Performs one update of every parameter in {@code params} that is trainable and has a
     * gradient; the others are skipped (no state is created for them). The update writes the
     * parameter's {@code value().data()} in place. Increments {@link #iterations()} by one,
     * even if no parameter had a gradient.
     *
     * @throws IllegalArgumentException if two updated parameters share a name, or a parameter's
     *     size differs from the state kept under its name; nothing is updated then
     * @throws IllegalStateException if the learning-rate schedule gives a negative, infinite
     *     or NaN rate; nothing is updated then
     */
    void step(List<Parameter> params);

    /**
     * The learning rate the next {@link #step} will use: the fixed rate, or the schedule's
     * value at {@link #iterations()} when the optimizer was built with a schedule.
     */
    double learningRate();

    /**
     * Sets a fixed learning rate (for callbacks such as reduce-on-plateau).
     *
     * @throws IllegalArgumentException if {@code lr} is not a finite number {@code > 0}
     * @throws IllegalStateException if the optimizer follows a {@link LearningRateSchedule}
     */
    void setLearningRate(double lr);

    /** The learning-rate schedule, or {@code null} when the rate is fixed. */
    LearningRateSchedule schedule();

    /** The number of steps taken so far (Keras' {@code optimizer.iterations}); 0 before the first. */
    int iterations();

    /** The Keras name of the algorithm, as accepted by {@link Optimizers#get}: e.g. {@code "adam"}. */
    String name();

    /**
     * A copy of the optimizer's state: the step count under the key {@code "iterations"}
     * (stored exactly as two floats, {@code {iterations / 65536, iterations % 65536}}) and
     * every per-parameter array under {@code "<parameter name>/<slot>"}, e.g.
     * {@code "dense.kernel/m"}. Later steps do not change the returned arrays.
     */
    Map<String, float[]> stateDict();

    /**
     * Replaces the state with a copy of {@code state} as returned by {@link #stateDict()} of an
     * optimizer of the same kind and settings; continuing from it gives bit-identical results.
     * Sizes are checked against the parameters at the next {@link #step}.
     *
     * @throws IllegalArgumentException if {@code "iterations"} is missing or malformed or a key
     *     names a slot this optimizer does not have; the state is unchanged then
     */
    void loadStateDict(Map<String, float[]> state);

    /**
     * The hyperparameters under Keras' names, for saving as JSON: {@code "name"},
     * {@code "learning_rate"} (a number, or a schedule's {@link LearningRateSchedule#config()}),
     * the algorithm's own settings, and {@code "clipnorm"} / {@code "clipvalue"} /
     * {@code "global_clipnorm"} when set. {@link Optimizers#fromConfig} rebuilds the optimizer.
     */
    Map<String, Object> config();

    /**
     * Clips each parameter's gradient separately to L2 norm at most {@code maxNorm}
     * (Keras' {@code clipnorm}): {@code g * maxNorm / max(||g||, maxNorm)}.
     *
     * @return this optimizer
     * @throws IllegalArgumentException if {@code maxNorm} is not finite and {@code > 0}, or
     *     another kind of clipping is already set
     */
    Optimizer clipByNorm(double maxNorm);

    /**
     * Clips each gradient element to {@code [-limit, limit]} (Keras' {@code clipvalue}).
     *
     * @return this optimizer
     * @throws IllegalArgumentException if {@code limit} is not finite and {@code > 0}, or
     *     another kind of clipping is already set
     */
    Optimizer clipByValue(double limit);

    /**
     * Scales all gradients of a step together so that their joint L2 norm (over every updated
     * parameter) is at most {@code maxNorm} (Keras' {@code global_clipnorm}, PyTorch's
     * {@code clip_grad_norm_}): {@code g * maxNorm / max(globalNorm, maxNorm)}. The norm is
     * accumulated in double, parameter by parameter in list order, so it does not depend on
     * the thread count.
     *
     * @return this optimizer
     * @throws IllegalArgumentException if {@code maxNorm} is not finite and {@code > 0}, or
     *     another kind of clipping is already set
     */
    Optimizer clipByGlobalNorm(double maxNorm);
}
