package org.lossforge.core.nlfs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * An {@link NlfsLoss} as a DJL training {@link Loss}, for a network that outputs logits (softmax is applied
 * here, on the last axis) or, with {@code fromLogits = false}, probabilities. Labels are class indices (shape
 * (B) or (B, 1), DJL's default) or one-hot / soft labels of the predictions' shape. Returns the batch mean.
 */
public final class NlfsDjlLoss extends Loss {

    private final NlfsLoss loss;
    private final boolean fromLogits;

    public NlfsDjlLoss(String name, NlfsLoss loss, boolean fromLogits) {
        super(name);
        this.loss = loss;
        this.fromLogits = fromLogits;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray yhat = fromLogits ? pred.softmax(-1) : pred;
        NDArray lab = labels.singletonOrThrow();
        NDArray y;
        if (lab.getShape().equals(pred.getShape())) {
            y = lab;
        } else {
            long k = pred.getShape().get(pred.getShape().dimension() - 1);
            y = lab.reshape(pred.getShape().slice(0, pred.getShape().dimension() - 1))
                    .toType(DataType.INT64, false).oneHot(Math.toIntExact(k));
        }
        return loss.evaluate(yhat, y.toType(yhat.getDataType(), false));
    }
}
