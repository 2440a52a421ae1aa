package org.lossforge.services.common;

import java.util.Objects;

import org.lossforge.schemas.DeadLetter;

/**
 * What became of one input record: a value to go on with, or a dead letter to publish instead.
 *
 * @param <T> the value's type
 */
public sealed interface Outcome<T> {

    /** The record was read and is valid. */
    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The record cannot be processed; publish {@code letter} to lossforge.dead-letters.v1 and go on. */
    record Dead<T>(DeadLetter letter) implements Outcome<T> {
        public Dead {
            Objects.requireNonNull(letter, "letter");
        }
    }

    default boolean ok() {
        return this instanceof Ok;
    }
}
