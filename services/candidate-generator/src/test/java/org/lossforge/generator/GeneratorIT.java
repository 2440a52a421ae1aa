package org.lossforge.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.Topics;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.SchemaRegistryClient;
import org.lossforge.testkit.TopicReader;
import org.lossforge.services.testing.PackagedAppResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged candidate generator (target/quarkus-app here; the native executable under {@code -Dnative}) in its own
 * process, over the real broker and registry: ready, a study POSTed as JSON (the request records) planned into the
 * training jobs core's StudyPlan decides, and an invalid study answered 400 with its reason; a POST without the API key
 * the app was started with is a 401.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAppResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "mp.messaging.incoming.studies-in.group.id", value = "lossforge-generator-it-{unique}"),
        @ResourceArg(name = "mp.messaging.incoming.loss-candidates-in.group.id", value = "lossforge-generator-it-{unique}"),
        @ResourceArg(name = "lossforge.auth.api-key", value = GeneratorServiceTest.API_KEY)})
class GeneratorIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration QUIET = Duration.ofSeconds(2);

    @Test
    void readyAndAStudyIsPlannedIntoCoresTrainingJobs() throws Exception {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        GeneratorServiceTest.authorized()
                .body("{\"studyId\":\"it-study\",\"benchmark\":\"nb201\",\"datasets\":[\"cifar10\"],\"losses\":[\"mse\"],"
                        + "\"trainSizes\":[20],\"seeds\":2,\"baseSeed\":11,\"params\":{\"epochs\":5}}")
                .when().post("/studies")
                .then().statusCode(202).body("studyId", equalTo("it-study"));
        try (TopicReader<TrainingJob> jobs = new TopicReader<>(PackagedAppResource.config("kafka.bootstrap.servers"),
                Topics.TRAINING_JOBS, new AvroDeserializer<>(TrainingJob.class,
                new SchemaRegistryClient(PackagedAppResource.config("lossforge.schema-registry.url"))))) {
            List<ConsumerRecord<String, TrainingJob>> own = jobs.awaitExactly(
                    r -> r.value().getStudyId().equals("it-study"), 2, WAIT, QUIET);
            assertEquals(Set.of("it-study/nb201/cifar10/20/mse/0", "it-study/nb201/cifar10/20/mse/1"),
                    own.stream().map(r -> r.value().getTrialId()).collect(Collectors.toSet()));
            for (ConsumerRecord<String, TrainingJob> r : own) {
                assertEquals(Keys.config(r.value()), r.key());
                assertEquals(5, r.value().getParams().getEpochs());
                GeneratorServiceTest.assertCoreTrainingSet(r.value(), 11L);
            }
        }
        GeneratorServiceTest.authorized()
                .body("{\"benchmark\":\"nb201\",\"datasets\":[\"mnist\"],\"losses\":[\"mse\"],\"trainSizes\":[20]}")
                .when().post("/studies")
                .then().statusCode(400).body("error", startsWith("UNKNOWN_DATASET"));
        given().contentType("application/json").body("{}").when().post("/studies").then().statusCode(401);
    }
}
