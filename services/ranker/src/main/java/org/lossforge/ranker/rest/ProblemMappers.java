package org.lossforge.ranker.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The JSON error bodies ({@link LeaderboardResource.Problem}) of every resource: 400 for a bad query, 404, and 503
 * with Retry-After while a store cannot answer.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response unavailable(StoreUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", LeaderboardResource.RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON).entity(new LeaderboardResource.Problem(503, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badQuery(BadQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new LeaderboardResource.Problem(400, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new LeaderboardResource.Problem(404, e.getMessage())).build();
    }
}
