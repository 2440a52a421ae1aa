package org.lossforge.ranker.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.lossforge.ranker.aggregate.AggregateCodec;
import org.lossforge.ranker.aggregate.ConfigAggregate;

/** {@link AggregateCodec} as a Kafka serde for the aggregate store and its changelog (internal state, no registry). */
public final class AggregateSerde implements Serde<ConfigAggregate> {

    @Override
    public Serializer<ConfigAggregate> serializer() {
        return (topic, a) -> a == null ? null : AggregateCodec.encode(a);
    }

    @Override
    public Deserializer<ConfigAggregate> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return AggregateCodec.decode(data);
            } catch (IllegalArgumentException e) {
                throw new SerializationException("unreadable ranker aggregate in " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
