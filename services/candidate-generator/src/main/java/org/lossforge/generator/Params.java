package org.lossforge.generator;

import java.util.Locale;

import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.schemas.PredictorModel;
import org.lossforge.schemas.PredictorParams;

/** Schema PredictorParams ⇄ core PredictorConfig (the same mapping as the trainer's). */
public final class Params {
    private Params() {
    }

    /** Core's config; a null predictBatch takes core's default for the model. Throws IllegalArgumentException. */
    public static PredictorConfig config(PredictorParams p) {
        String model = p.getModel().name().toLowerCase(Locale.ROOT);
        int predictBatch = p.getPredictBatch() != null ? p.getPredictBatch()
                : (model.equals("mlp") ? PredictorConfig.mlpDefaults() : PredictorConfig.gcnDefaults()).predictBatch();
        return new PredictorConfig(model, p.getHidden(), p.getLayers(), p.getFcHidden(), p.getDropout(), p.getLr(),
                p.getWeightDecay(), p.getEpochs(), p.getBatchSize(), predictBatch);
    }

    /** Core's defaults of a model ("gcn" or "mlp") as schema params (predictBatch null = the model's default). */
    public static PredictorParams defaults(String model) {
        PredictorConfig c = "mlp".equals(model) ? PredictorConfig.mlpDefaults() : PredictorConfig.gcnDefaults();
        return PredictorParams.newBuilder()
                .setModel(PredictorModel.valueOf(c.model().toUpperCase(Locale.ROOT)))
                .setHidden(c.hidden()).setLayers(c.layers()).setFcHidden(c.fcHidden()).setDropout(c.dropout())
                .setLr(c.lr()).setWeightDecay(c.weightDecay()).setEpochs(c.epochs()).setBatchSize(c.batchSize())
                .setPredictBatch(null)
                .build();
    }
}
