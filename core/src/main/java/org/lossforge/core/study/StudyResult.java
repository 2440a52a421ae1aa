package org.lossforge.core.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All trials of a study and their per-configuration summaries, in run order. */
public record StudyResult(StudyConfig config, List<TrialResult> trials, long wallMillis, String engine) {

    public List<ConfigSummary> summaries() {
        Map<String, List<TrialResult>> groups = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            groups.computeIfAbsent(t.dataset() + "|" + t.trainSize() + "|" + t.loss(), k -> new ArrayList<>()).add(t);
        }
        return groups.values().stream().map(ConfigSummary::of).toList();
    }
}
