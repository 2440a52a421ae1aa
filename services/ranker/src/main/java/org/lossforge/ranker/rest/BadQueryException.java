package org.lossforge.ranker.rest;

/** A query parameter or study id the API does not accept: answer 400 with the message. */
public class BadQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadQueryException(String message) {
        super(message);
    }
}
