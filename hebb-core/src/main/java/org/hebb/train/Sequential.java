package org.hebb.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hebb.nn.Activation;
import org.hebb.nn.BatchNormalization;
import org.hebb.nn.Module;
import org.hebb.tensor.Tensor;

/**
 * A model that is a stack of layers, each feeding the next — the guide's {@code create_cnn}:
 * <pre>{@code
 * var model = new Sequential(
 *     new Conv2D(32, 3, Activation.RELU).inputShape(28, 28, 1),
 *     new MaxPooling2D(2),
 *     new Flatten(),
 *     new Dense(10, Activation.SOFTMAX));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 * Layers are named as Keras names them ({@code conv2d}, {@code conv2d_1}, {@code dense}, ...);
 * parameters are {@code "conv2d.kernel"}, {@code "dense_1.bias"} and so on. When the first layer
 * declares its input shape, the model is built at once and a layer that does not fit the shape
 * before it fails here, naming the layer, what it expected and what it got.
 */
public class Sequential extends Model {
    private final List<Module> layers = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final List<int[]> outputShapes = new ArrayList<>();

    /** A stack of {@code layers}, in order. */
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
        if (!this.layers.isEmpty() && this.layers.get(0).declaredInputShape() != null) {
            build(this.layers.get(0).declaredInputShape());
        }
    }

    /** Appends a layer (before the model is built); returns {@code this}. */
    public Sequential add(Module layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential: layer " + layers.size() + " is null");
        }
        if (isBuilt()) {
            throw new IllegalStateException("Sequential: cannot add " + layer.describe() + " after the model is built");
        }
        String base = layer.baseName();
        int k = counters.merge(base, 1, Integer::sum) - 1;
        String name = k == 0 ? base : base + "_" + k;
        names.add(name);
        layers.add(addModule(name, layer));
        return this;
    }

    /** The layers, in order. */
    public List<Module> layers() {
        return List.copyOf(layers);
    }

    /** The layer names, in order. */
    public List<String> layerNames() {
        return List.copyOf(names);
    }

    @Override
    protected void onBuild(int[] inputShape) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential: no layers");
        }
        int[] shape = inputShape;
        outputShapes.clear();
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            try {
                shape = layer.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " '" + names.get(i) + "': " + e.getMessage(), e);
            }
            outputShapes.add(shape.clone());
        }
    }

    /**
     * Each layer's output feeds the next. A {@link BatchNormalization} directly followed by a ReLU
     * {@link Activation} runs as one op ({@link BatchNormalization#forward(Tensor, boolean, boolean)}:
     * the same values and gradients, one pass less over the activations).
     */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        buildIfNeeded(x);
        Tensor y = x;
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            if (layer instanceof BatchNormalization bn && i + 1 < layers.size()
                    && layers.get(i + 1) instanceof Activation a && a.kind().equals("relu")) {
                y = bn.forward(y, training, true);
                i++;
            } else {
                y = layer.forward(y, training);
            }
        }
        return y;
    }

    @Override
    protected List<String[]> summaryRows() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            String shape = i < outputShapes.size() ? Module.batchShapeStr(outputShapes.get(i)) : "?";
            rows.add(new String[] {names.get(i), m.getClass().getSimpleName(), shape,
                String.valueOf(m.countParameters())});
        }
        return rows;
    }

    @Override
    public String modelName() {
        return "sequential";
    }
}
