package org.lossforge.ranker.ui;

/**
 * A dead letter as the operators' page shows it: where the record came from, why it was given up on, and by whom. The
 * original key is shown as text when it is UTF-8 (our keys are plain strings), cut at 200 characters; the value only
 * by its size (it may be a 4 MiB prediction set; the topic keeps the bytes for replay).
 */
public record DeadLetterView(String originalTopic, int partition, long offset, String key, Integer valueBytes,
                             String reason, String exception, String service, String failedAt, String studyId) {
}
