package org.lossforge.ranker.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.lossforge.ranker.aggregate.ConfigSummary;
import org.lossforge.ranker.aggregate.SummaryCodec;
import org.lossforge.ranker.aggregate.TrialCodec;
import org.lossforge.ranker.aggregate.TrialOutcome;

/** The ranker's own state codecs as Kafka serdes, for its stores and their changelogs (internal state, no registry). */
public final class StateSerdes {

    private StateSerdes() {
    }

    public static Serde<TrialOutcome> trials() {
        return Serdes.serdeFrom((topic, t) -> t == null ? null : TrialCodec.encode(t),
                (topic, b) -> b == null ? null : TrialCodec.decode(b));
    }

    public static Serde<ConfigSummary> summaries() {
        return Serdes.serdeFrom((topic, s) -> s == null ? null : SummaryCodec.encode(s),
                (topic, b) -> b == null ? null : SummaryCodec.decode(b));
    }
}
