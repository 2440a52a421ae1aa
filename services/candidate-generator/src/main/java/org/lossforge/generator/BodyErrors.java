package org.lossforge.generator;

import java.util.Map;
import java.util.TreeSet;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A request body that is not the JSON its endpoint reads (unparsable, a value of the wrong type, an unknown field,
 * nested past Jackson's limits) is a 400 {@code {"error": "MALFORMED_JSON: <what> at <field path> (line L, column
 * C)"}}, not a 500. Bodies over {@code quarkus.http.limits.max-body-size} never get here: Vert.x answers 413.
 */
public class BodyErrors {

    public static final String CODE = "MALFORMED_JSON";
    private static final int MAX_REASON = 300;

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", CODE + ": " + describe(e)))
                .build();
    }

    /** Also for this subclass: quarkus-rest-jackson has its own mapper for it, with another body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return malformed(e);
    }

    /**
     * quarkus-rest-jackson wraps what the parser refuses (unparsable input, Jackson's nesting and length limits) in a
     * 400 WebApplicationException: that one gets the same JSON reason; any other keeps its own answer.
     */
    @ServerExceptionMapper
    public Response wrapped(WebApplicationException e) {
        if (e.getResponse().getStatus() == 400 && e.getCause() instanceof JsonProcessingException j) {
            return malformed(j);
        }
        return e.getResponse();
    }

    /**
     * The last resort for a 400 that reached no mapper above without a body (the parser's refusals are wrapped by
     * quarkus-rest-jackson before the resource is chosen): it still says what is wrong, as JSON.
     */
    @ServerResponseFilter
    public void explainBareBadRequest(ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity()) {
            response.setEntity(Map.of("error", CODE + ": the body is not valid JSON (unparsable, or nested or sized "
                    + "past the parser's limits)"), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }

    static String describe(JsonProcessingException e) {
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            what = "unknown field '" + u.getPropertyName() + "' (known: " + String.join(", ", known) + ")";
        } else {
            what = String.valueOf(e.getOriginalMessage());
        }
        if (what.length() > MAX_REASON) {
            what = what.substring(0, MAX_REASON) + "...";
        }
        StringBuilder b = new StringBuilder(what);
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            if (!path.isEmpty()) {
                b.append(" at '").append(path).append('\'');
            }
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            b.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        }
        return b.toString();
    }
}
