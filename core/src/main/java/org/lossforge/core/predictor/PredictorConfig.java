package org.lossforge.core.predictor;

/**
 * Hyper-parameters of a predictor and of its training. Defaults follow the neural-predictor GCN as used in
 * NASLib ({@code gcn.py}: hidden 144, 3 layers, FC 128, Adam lr 1e-4, weight decay 3e-4, cosine annealing,
 * dropout 0.1). Epochs and batch size are ours (NASLib: 300 epochs, batch 7), chosen so a 30-seed study fits
 * on two CPU cores; both are plain config values.
 *
 * @param model        "gcn" or "mlp"
 * @param hidden       GCN hidden width (per layer) / MLP hidden width
 * @param layers       number of GCN layers / MLP hidden layers
 * @param fcHidden     width of the GCN head's first fully connected layer
 * @param dropout      dropout after every GCN layer and after the head's first FC (0 disables)
 * @param lr           Adam learning rate at epoch 0 (cosine-annealed to 0 over {@code epochs})
 * @param weightDecay  L2 penalty added to the gradient (PyTorch {@code Adam(weight_decay=…)} semantics)
 * @param epochs       passes over the training set
 * @param batchSize    mini-batch size (the last batch of an epoch may be smaller)
 * @param predictBatch architectures per forward pass when predicting the whole space
 */
public record PredictorConfig(String model, int hidden, int layers, int fcHidden, double dropout, double lr,
                              double weightDecay, int epochs, int batchSize, int predictBatch) {

    public PredictorConfig {
        if (!model.equals("gcn") && !model.equals("mlp")) {
            throw new IllegalArgumentException("unknown predictor model '" + model + "' (known: gcn, mlp)");
        }
        if (hidden <= 0 || layers <= 0 || fcHidden <= 0 || epochs <= 0 || batchSize <= 0 || predictBatch <= 0) {
            throw new IllegalArgumentException("predictor sizes, epochs and batch sizes must be positive");
        }
        if (!(dropout >= 0 && dropout < 1) || !(lr > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need 0 <= dropout < 1, lr > 0, weight decay >= 0");
        }
    }

    /** The reference GCN with our default epochs (200) and batch size (16). */
    public static PredictorConfig gcnDefaults() {
        return new PredictorConfig("gcn", 144, 3, 128, 0.1, 1e-4, 3e-4, 200, 16, 2048);
    }

    /** MLP baseline on the flattened encoding: 2 hidden layers of 128, Adam lr 1e-3. */
    public static PredictorConfig mlpDefaults() {
        return new PredictorConfig("mlp", 128, 2, 128, 0.0, 1e-3, 3e-4, 100, 16, 4096);
    }

    public PredictorConfig withEpochs(int e) {
        return new PredictorConfig(model, hidden, layers, fcHidden, dropout, lr, weightDecay, e, batchSize, predictBatch);
    }

    public PredictorConfig withBatchSize(int b) {
        return new PredictorConfig(model, hidden, layers, fcHidden, dropout, lr, weightDecay, epochs, b, predictBatch);
    }

    public PredictorConfig withLr(double l) {
        return new PredictorConfig(model, hidden, layers, fcHidden, dropout, l, weightDecay, epochs, batchSize, predictBatch);
    }

    public PredictorConfig withDropout(double d) {
        return new PredictorConfig(model, hidden, layers, fcHidden, d, lr, weightDecay, epochs, batchSize, predictBatch);
    }
}
