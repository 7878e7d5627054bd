package org.hebb.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode autograd engine: a define-by-run tape.
 *
 * <p>Every op that runs while gradients are enabled and has an input that requires a gradient
 * records a {@link Node} on its result: the op's name, its inputs, and its {@link Backward}
 * rule. {@link Tensor#backward()} walks those nodes in reverse topological order from the
 * output, hands each node the gradient of its output, and <em>adds</em> what it returns into
 * its inputs' gradients — so a tensor used twice receives the sum of both contributions.
 * Gradients of intermediate tensors are released once used (as in PyTorch); leaves keep theirs
 * until {@link Tensor#zeroGrad()}.
 *
 * <p>Recording is per thread: {@link #noGrad()} opens a scope in which nothing is recorded,
 * for inference and for optimizer updates.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * The gradient rule of one op: given the gradient of the op's output (same shape as the
     * output), returns one gradient per input, each of that input's size, in input order; an
     * entry may be {@code null} for an input that needs no gradient. The rule must not modify
     * {@code gradOut}, and may return it (or the same array twice) for inputs that take it as is.
     * Any other array it returns must be new and not kept by the rule: the input it is for keeps
     * it as its gradient, without a copy, and later gradients are added into it.
     */
    @FunctionalInterface
    public interface Backward {
        float[][] apply(float[] gradOut);
    }

    /** What an op recorded on its result: the op's name, its inputs and its gradient rule. */
    public record Node(String op, Tensor[] inputs, Backward backward) {}

    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** True when ops on this thread record themselves for backward. */
    public static boolean isGradEnabled() {
        return NO_GRAD_DEPTH.get()[0] == 0;
    }

    /**
     * Opens a scope in which no op is recorded; close it to leave (try-with-resources):
     * <pre>{@code try (var scope = Autograd.noGrad()) { y = model.forward(x, false); }}</pre>
     */
    public static NoGrad noGrad() {
        NO_GRAD_DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** A scope in which nothing is recorded; nesting is allowed. */
    public static final class NoGrad implements AutoCloseable {
        private boolean closed;

        private NoGrad() {}

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                NO_GRAD_DEPTH.get()[0]--;
            }
        }
    }

    /** Runs backpropagation from {@code root}, seeding its gradient with {@code seed}. */
    static void backward(Tensor root, float[] seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: tensor of shape " + Shapes.str(root.shape())
                    + " does not require grad (no input of the computation had requiresGrad set,"
                    + " or it was computed inside a noGrad scope)");
        }
        List<Tensor> order = topologicalOrder(root);
        root.accumulateGrad(seed);
        try (var scope = noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Node node = t.node();
                float[] g = t.gradArray();
                if (node == null || g == null) {
                    continue;
                }
                float[][] inGrads = node.backward().apply(g);
                Tensor[] inputs = node.inputs();
                if (inGrads.length != inputs.length) {
                    throw new IllegalStateException(node.op() + ": backward returned " + inGrads.length
                            + " gradients for " + inputs.length + " inputs");
                }
                for (int k = 0; k < inputs.length; k++) {
                    Tensor in = inputs[k];
                    float[] gk = inGrads[k];
                    if (gk == null) {
                        continue;
                    }
                    boolean own = owned(inGrads, k, g, t, inputs);
                    if (in.requiresGrad()) {
                        if (gk.length != in.size()) {
                            throw new IllegalStateException(node.op() + ": gradient for input " + k + " has "
                                    + gk.length + " values, input " + Shapes.str(in.shape())
                                    + " has " + in.size());
                        }
                        in.accumulateGrad(gk, own);
                    }
                    if (own && in.gradArray() != gk) {
                        Buffers.give(gk); // added into an earlier gradient, or not wanted: no one holds it
                    }
                }
                // Nobody else holds an intermediate's gradient (inputs keep copies of it, see
                // owned), so it goes back to the pool for the gradients still to come.
                Buffers.give(t.releaseGrad());
            }
        }
    }

    /**
     * Gives the data of every op result reachable from {@code root} back to {@link Buffers},
     * except arrays that are also a leaf's (views of inputs or parameters); the {@code keep}
     * tensors (a caller's inputs, which may themselves be op results) count as leaves, so
     * neither they nor what they were computed from are released. For a training
     * step that owns its graph and is done with it: none of those tensors, nor anything
     * computed from them that shares their data, may be used afterwards. Then trims the pool to
     * about a step's worth ({@link Buffers#trim}).
     */
    public static void releaseGraph(Tensor root, Tensor... keep) {
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        Map<float[], Boolean> leafData = new IdentityHashMap<>();
        for (Tensor k : keep) {
            // a kept tensor is treated as a leaf: neither its data nor what it came from is released
            leafData.put(k.data(), Boolean.TRUE);
            seen.put(k, Boolean.TRUE);
        }
        Map<float[], Boolean> results = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        stack.push(root);
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.pop();
            Node node = t.node();
            if (node == null) {
                leafData.put(t.data(), Boolean.TRUE);
                continue;
            }
            results.put(t.data(), Boolean.TRUE);
            for (Tensor in : node.inputs()) {
                if (seen.put(in, Boolean.TRUE) == null) {
                    stack.push(in);
                }
            }
        }
        for (float[] a : results.keySet()) {
            if (!leafData.containsKey(a)) {
                Buffers.give(a);
            }
        }
        Buffers.trim();
    }

    /**
     * True when gradient {@code k} of a backward function is an array nobody else holds, so the
     * input may keep it as its gradient instead of a copy (which at batch 128 is 11 MB for the
     * seed CNN's first activation): it is not the upstream gradient (pass-through ops return it),
     * not returned for another input too, and not the data of the output or of an input.
     */
    private static boolean owned(float[][] grads, int k, float[] upstream, Tensor out, Tensor[] inputs) {
        float[] a = grads[k];
        if (a == upstream || a == out.data()) {
            return false;
        }
        for (int j = 0; j < grads.length; j++) {
            if ((j != k && grads[j] == a) || inputs[j].data() == a) {
                return false;
            }
        }
        return true;
    }

    /** Tensors reachable from root through recorded nodes, inputs before the ops that use them. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        // Iterative post-order DFS: deep graphs (long training unrolls) must not overflow the stack.
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Node node = t.node();
            Tensor[] inputs = node == null ? new Tensor[0] : node.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in.requiresGrad() && seen.put(in, Boolean.TRUE) == null) {
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return Collections.unmodifiableList(order);
    }
}
