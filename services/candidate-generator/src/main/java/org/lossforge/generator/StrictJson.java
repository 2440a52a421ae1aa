package org.lossforge.generator;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * REST bodies are read strictly: a fraction where an integer is expected ({@code "seeds": 2.5}) is refused instead of
 * truncated. Unknown fields are refused too ({@code quarkus.jackson.fail-on-unknown-properties=true}), so a typo such
 * as {@code "seed": 3} is a 400, not a silent default. Both answer 400 through {@link BodyErrors}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
