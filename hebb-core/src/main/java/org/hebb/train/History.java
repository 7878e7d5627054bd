package org.hebb.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch record of a training run, as Keras' {@code History}: for each name
 * ({@code "loss"}, {@code "accuracy"}, {@code "val_loss"}, {@code "val_accuracy"}, {@code "lr"}),
 * the list of its values, one per epoch completed. {@link Model#fit} returns it.
 */
public final class History implements Callback {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** The values of {@code name} per epoch; empty if never logged. */
    public List<Double> get(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
    }

    /** The last value of {@code name}. */
    public double last(String name) {
        List<Double> v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("History: nothing logged under '" + name + "'; logged: " + values.keySet());
        }
        return v.get(v.size() - 1);
    }

    /** Every logged name with its per-epoch values. */
    public Map<String, List<Double>> all() {
        return Collections.unmodifiableMap(values);
    }

    /** The epochs (0-based) that completed. */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
