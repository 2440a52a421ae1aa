package org.lossforge.ranker.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.lossforge.ranker.rest.LeaderboardResource.Problem;
import org.lossforge.ranker.routing.KeyRouting.Reply;

/**
 * What one ranker instance asks another ({@link PeerClient}): one key of this instance's own aggregate store, for the
 * partition the caller's metadata named. Local state only, so a forwarded query never travels further:
 * 200 with the {@link ConfigurationDetail}, 404 when the partition is here and the key is not, 503 when the partition
 * is not hosted here in the asked mode (fresh: active task only; {@code stale=true}: active or standby). Every answer
 * names this instance in {@value PeerClient#SERVED_BY}. Read-only; left out of the OpenAPI document.
 */
@Path(PeerClient.PATH)
public class InternalAggregateResource {

    @Inject
    AggregateQueries aggregates;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response local(@QueryParam("key") String key, @QueryParam("partition") Integer partition,
                          @QueryParam("stale") @DefaultValue("false") boolean stale) {
        if (key == null || key.isEmpty() || partition == null || partition < 0) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(new Problem(400, "need key and partition >= 0")).build();
        }
        Reply<ConfigurationDetail> r = aggregates.local(key, partition, stale);
        String self = aggregates.self().toString();
        return switch (r.status()) {
            case FOUND -> Response.ok(r.value(), MediaType.APPLICATION_JSON).header(PeerClient.SERVED_BY, self).build();
            case ABSENT -> Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                    .header(PeerClient.SERVED_BY, self).entity(new Problem(404, "no aggregate for key '" + key + "'")).build();
            default -> Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                    .header(PeerClient.SERVED_BY, self).header("Retry-After", LeaderboardResource.RETRY_AFTER_SECONDS)
                    .entity(new Problem(503, "partition " + partition + " not hosted here"
                            + (stale ? "" : " as an active task") + ": " + r.detail())).build();
        };
    }
}
