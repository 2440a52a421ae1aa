package org.lossforge.ranker;

import org.lossforge.ranker.query.Ranking;
import org.lossforge.ranker.rest.EntryView;
import org.lossforge.ranker.rest.Leaderboard;
import org.lossforge.ranker.rest.LeaderboardResource;
import org.lossforge.ranker.streams.DeadLetterHandler;
import org.lossforge.schemas.ArchQuery;
import org.lossforge.schemas.ArchResult;
import org.lossforge.schemas.DeadLetter;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.LeaderboardEntry;
import org.lossforge.schemas.LossCandidate;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.MetricStats;
import org.lossforge.schemas.NlfsProgress;
import org.lossforge.schemas.NlfsRunRequested;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.PredictorModel;
import org.lossforge.schemas.PredictorParams;
import org.lossforge.schemas.ScoreEncoding;
import org.lossforge.schemas.SearchProgress;
import org.lossforge.schemas.SearchRequested;
import org.lossforge.schemas.StudyRequested;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.schemas.TrainingJob;
import org.lossforge.serde.AvroDeserializer;
import org.lossforge.serde.AvroSerializer;
import org.lossforge.ranker.rest.SignificanceAnswer;
import org.lossforge.ranker.ui.DeadLetterView;
import org.lossforge.ranker.ui.Significance;
import org.lossforge.ranker.ui.StudiesResource;
import org.lossforge.ranker.ui.StudyKind;
import org.lossforge.ranker.ui.StudySummary;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native executable of the ranker must be able to reach by reflection and Quarkus does not find by itself (the
 * lossforge-schemas and lossforge-serde jars are not in its index). Read only by the native build (`-Dnative`,
 * services/IMAGES.md); on the JVM everything is reflectively reachable anyway. {@code NativeRegistrationsTest}
 * checks this list against what the service names at run time.
 */
@RegisterForReflection(targets = {
        // Avro's SpecificData reads SCHEMA$ and MODEL$, calls the no-argument constructor and resolves nested records
        // and enums by class name: every named type reachable from Topics.ALL (nested classes, the Builders, too)
        ArchQuery.class, ArchResult.class, DeadLetter.class, Evaluation.class, EvaluationStatus.class,
        LeaderboardEntry.class, LossCandidate.class, LossKind.class, MetricStats.class, NlfsProgress.class,
        NlfsRunRequested.class, PredictionSet.class, PredictorModel.class, PredictorParams.class,
        ScoreEncoding.class, SearchProgress.class, SearchRequested.class, StudyRequested.class, SurrogateJob.class,
        TrainingJob.class,
        // instantiated by Kafka by class name (*.serializer / *.deserializer in application.properties)
        AvroSerializer.class, AvroDeserializer.class,
        // Kafka Streams instantiates the deserialization.exception.handler by class name (application.properties)
        DeadLetterHandler.class,
        // JSON of the REST API: Quarkus registers what resource methods return (Leaderboard and what it holds, the
        // SSE EntryView), not what an exception mapper puts into a Response (LeaderboardResource.Problem); all listed
        Leaderboard.class, Ranking.Group.class, Ranking.Row.class, EntryView.class, EntryView.Stats.class,
        LeaderboardResource.Problem.class, SignificanceAnswer.class, SignificanceAnswer.Group.class,
        Significance.Verdict.class, StudySummary.class, StudyKind.class, DeadLetterView.class,
        StudiesResource.DeadLetters.class
})
final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
