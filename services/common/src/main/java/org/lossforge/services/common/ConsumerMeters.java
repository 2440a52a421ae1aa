package org.lossforge.services.common;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.lossforge.schemas.DeadLetter;
import org.lossforge.serde.SerdeException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;

/**
 * The meters every consuming service exports under the same names, so one dashboard query covers all four:
 * <ul>
 *   <li>{@code lossforge_records_consumed_total{service, input}}: records read from the input topic {@code input}
 *       (every record, whatever became of it);</li>
 *   <li>{@code lossforge_dead_letters_total{service, input, reason}}: records sent to lossforge.dead-letters.v1, with
 *       {@code reason} one of {@link #REASONS} ({@link #reason(String)} maps the letter's {@code CODE: detail} text to
 *       it; the code itself stays in the letter, never in a tag);</li>
 *   <li>{@code process_resident_memory_bytes}: the process's resident set size (from {@code /proc/self/statm}; -1
 *       where there is no such file).</li>
 * </ul>
 * {@link #expect(String)} registers an input's counters at 0, so dashboards show 0 rather than "no data" and the names
 * exist before the first record.
 */
public final class ConsumerMeters {

    public static final String CONSUMED = "lossforge.records.consumed";
    public static final String DEAD_LETTERS = "lossforge.dead.letters";

    /** Not our wire format, an unknown schema id, corrupt Avro: the serde's codes. */
    public static final String UNDECODABLE = "undecodable";
    /** Decoded, but semantically invalid (an {@link InvalidRecordException} code such as {@code UNKNOWN_BENCHMARK}). */
    public static final String INVALID = "invalid";
    /** A null value. */
    public static final String TOMBSTONE = "tombstone";
    /** The service threw while processing a valid record ({@code PROCESSING_FAILED}). */
    public static final String PROCESSING_FAILED = "processing_failed";
    /** The fixed vocabulary of the {@code reason} tag. */
    public static final List<String> REASONS = List.of(UNDECODABLE, INVALID, TOMBSTONE, PROCESSING_FAILED);

    private static final Set<String> SERDE_CODES = Stream.of(SerdeException.Reason.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry registry;
    private final String service;

    public ConsumerMeters(MeterRegistry registry, String service) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service name required");
        }
        this.service = service;
        Gauge.builder("process.resident.memory", ConsumerMeters::residentBytes).baseUnit(BaseUnits.BYTES)
                .description("resident set size of the process").strongReference(true).register(registry);
    }

    /** Registers the counters of an input topic at 0 (consumed, and dead letters of every reason). */
    public ConsumerMeters expect(String input) {
        consumedCounter(input);
        for (String r : REASONS) {
            deadLetterCounter(input, r);
        }
        return this;
    }

    /** One record read from {@code input}. */
    public void consumed(String input) {
        consumedCounter(input).increment();
    }

    /** One record dead-lettered; its input is the letter's original topic. */
    public void deadLettered(DeadLetter letter) {
        deadLetterCounter(letter.getOriginalTopic(), reason(letter.getReason())).increment();
    }

    /** One record of {@code input} dead-lettered for a reason of {@link #REASONS} (the ranker's own letters). */
    public void deadLettered(String input, String reason) {
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + REASONS + ", got " + reason);
        }
        deadLetterCounter(input, reason).increment();
    }

    /**
     * The tag value for a dead letter's reason text ({@code CODE: detail}, or for serde failures
     * {@code CODE (topic ...): detail}): {@code tombstone}, {@code processing_failed}, {@code undecodable} for a serde
     * code, else {@code invalid} (a check refused the record).
     */
    public static String reason(String text) {
        String code = text == null ? "" : text.strip().split("[\\s:(]", 2)[0].toUpperCase(Locale.ROOT);
        if (code.equals(RecordDecoder.TOMBSTONE)) {
            return TOMBSTONE;
        }
        if (code.equals(RecordDecoder.PROCESSING_FAILED)) {
            return PROCESSING_FAILED;
        }
        return SERDE_CODES.contains(code) ? UNDECODABLE : INVALID;
    }

    private Counter consumedCounter(String input) {
        return Counter.builder(CONSUMED).tag("service", service).tag("input", input)
                .description("records read from the input topic").register(registry);
    }

    private Counter deadLetterCounter(String input, String reason) {
        return Counter.builder(DEAD_LETTERS).tag("service", service).tag("input", input).tag("reason", reason)
                .description("records sent to the dead-letter topic, by reason").register(registry);
    }

    /** Resident set size in bytes from /proc/self/statm (pages × 4096), or -1 where it cannot be read. */
    static double residentBytes() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return Long.parseLong(f[1]) * 4096.0;
        } catch (Exception e) {
            return -1;
        }
    }
}
