package org.hebb.train.callbacks;

import java.util.Map;
import org.hebb.train.Callback;
import org.hebb.train.Model;

/**
 * Stops training as soon as the running loss is NaN or infinite (Keras' TerminateOnNaN).
 * {@link Model#fit} already refuses to apply a step with a non-finite loss; this callback also
 * watches losses that other callbacks or penalties log.
 */
public final class TerminateOnNaN implements Callback {
    private boolean terminated;

    @Override
    public void onBatchEnd(Model model, int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            terminated = true;
            model.stopTraining();
        }
    }

    /** True when this callback stopped training. */
    public boolean terminated() {
        return terminated;
    }
}
