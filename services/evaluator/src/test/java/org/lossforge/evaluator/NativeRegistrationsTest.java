package org.lossforge.evaluator;

import org.lossforge.services.testing.NativeRegistrationsContract;

/**
 * What the native executable reaches by reflection is registered ({@link NativeRegistrations}). The evaluator has no
 * REST API of its own (health, metrics and OpenAPI are Quarkus').
 */
class NativeRegistrationsTest extends NativeRegistrationsContract {

    @Override
    protected Class<?> registrations() {
        return NativeRegistrations.class;
    }

    @Override
    protected String aClassTheConfigurationNames() {
        return "org.lossforge.serde.AvroSerializer";
    }
}
