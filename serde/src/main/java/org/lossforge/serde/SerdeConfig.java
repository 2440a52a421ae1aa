package org.lossforge.serde;

/** Configuration keys (the Confluent names, so existing configs carry over). */
public final class SerdeConfig {

    /** Registry base URL: {@code http://host:8081} (Confluent, Karapace, Redpanda) or {@code http://host:port/apis/ccompat/v7} (Apicurio). Required. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Serializer: register the record's schema under the subject if needed (default true); false: it must be registered already. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Deserializer: fully qualified name of the generated SpecificRecord class for values. */
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    /** Deserializer: the same for keys. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    /** Per-request timeout for registry calls in ms (default 10000; connect timeout is the same). */
    public static final String REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    private SerdeConfig() {
    }
}
