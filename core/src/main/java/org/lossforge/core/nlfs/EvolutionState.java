package org.lossforge.core.nlfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole state of a regularized-evolution run: what a stream processor keeps in its state store. Immutable;
 * {@link Evolution} computes the next state. {@link #toText()} / {@link #parse(String)} serialise it (one line
 * per member; phenotypes are recomputed on load, so the text stays small: about 110 bytes per member).
 *
 * <ul>
 *   <li>{@code step}: decisions taken so far (a loss accepted, a child dropped or skipped); with {@code tries}
 *       (failed trainings of the current child) it names the random stream of the next proposal;</li>
 *   <li>{@code cycle}: evolution cycles done, the clock of the members' ages;</li>
 *   <li>{@code pool}: the initial pool while it fills; {@code population}: the P slots afterwards;</li>
 *   <li>{@code rescored}: how many kept initial members have been re-scored (phase RESCORE).</li>
 * </ul>
 */
public final class EvolutionState {

    /** INITIAL: filling the random pool; RESCORE: re-training the kept P; EVOLVE: cycles; DONE: all cycles run. */
    public enum Phase { INITIAL, RESCORE, EVOLVE, DONE }

    private static final String HEADER = "nlfs-evolution 1";

    private final EvolutionConfig config;
    private final Phase phase;
    private final long step;
    private final int tries;
    private final long cycle;
    private final int rescored;
    private final List<Member> pool;
    private final List<Member> population;

    EvolutionState(EvolutionConfig config, Phase phase, long step, int tries, long cycle, int rescored, List<Member> pool,
                   List<Member> population) {
        this.config = config;
        this.phase = phase;
        this.step = step;
        this.tries = tries;
        this.cycle = cycle;
        this.rescored = rescored;
        this.pool = List.copyOf(pool);
        this.population = List.copyOf(population);
    }

    public EvolutionConfig config() {
        return config;
    }

    public Phase phase() {
        return phase;
    }

    public long step() {
        return step;
    }

    public int tries() {
        return tries;
    }

    public long cycle() {
        return cycle;
    }

    public int rescored() {
        return rescored;
    }

    /** The initial pool (phase INITIAL only; empty afterwards). */
    public List<Member> pool() {
        return pool;
    }

    /** The population slots (empty during INITIAL). */
    public List<Member> population() {
        return population;
    }

    public boolean finished() {
        return phase == Phase.DONE;
    }

    /** The fittest member (lowest id on ties), or null while the population is empty. */
    public Member best() {
        Member b = null;
        for (Member m : population.isEmpty() ? pool : population) {
            if (b == null || m.fitness() > b.fitness() || (m.fitness() == b.fitness() && m.id() < b.id())) {
                b = m;
            }
        }
        return b;
    }

    /**
     * The text form: a header, the settings, the counters, then one line per pool entry or population slot,
     * {@code member <id> <birth> <fitness> flip|noflip <cell code> # <canonical expression>} (the expression is for
     * readers; {@link #parse} recomputes it from the cell).
     */
    public String toText() {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        EvolutionConfig c = config;
        s.append(String.format(Locale.ROOT, "config seed=%d population=%d initialPool=%d rescore=%b tournament=%d "
                        + "mutationAttempts=%d trainingTries=%d phenotypeDistance=%s cycles=%d%n", c.seed(), c.populationSize(),
                c.initialPoolSize(), c.rescoreInitial(), c.tournamentSize(), c.maxMutationAttempts(), c.maxTrainingTries(),
                Double.toString(c.minPhenotypeDistance()), c.cycles()));
        s.append(String.format(Locale.ROOT, "state phase=%s step=%d tries=%d cycle=%d rescored=%d%n", phase, step, tries, cycle, rescored));
        for (Member m : pool) {
            line(s, "pool", m);
        }
        for (Member m : population) {
            line(s, "member", m);
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String kind, Member m) {
        s.append(kind).append(' ').append(m.id()).append(' ').append(m.birth()).append(' ').append(Double.toString(m.fitness()))
                .append(' ').append(m.flip() ? "flip" : "noflip").append(' ').append(m.cell().code()).append(" # ").append(m.expression())
                .append('\n');
    }

    /** Reads {@link #toText()}; a malformed text fails with a message naming the line. */
    public static EvolutionState parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[0].trim().equals(HEADER)) {
            throw new IllegalArgumentException("not an NLFS evolution state (expected the header '" + HEADER + "')");
        }
        int lineNo = 1;
        try {
            lineNo = 2;
            java.util.Map<String, String> c = fields(lines[1], "config");
            EvolutionConfig config = new EvolutionConfig(Long.parseLong(c.get("seed")), Integer.parseInt(c.get("population")),
                    Integer.parseInt(c.get("initialPool")), Boolean.parseBoolean(c.get("rescore")),
                    Integer.parseInt(c.get("tournament")), Integer.parseInt(c.get("mutationAttempts")),
                    Integer.parseInt(c.get("trainingTries")), Double.parseDouble(c.get("phenotypeDistance")),
                    Long.parseLong(c.get("cycles")));
            lineNo = 3;
            java.util.Map<String, String> st = fields(lines[2], "state");
            Phase phase = Phase.valueOf(st.get("phase"));
            long step = Long.parseLong(st.get("step"));
            int tries = Integer.parseInt(st.get("tries"));
            long cycle = Long.parseLong(st.get("cycle"));
            int rescored = Integer.parseInt(st.get("rescored"));
            List<Member> pool = new ArrayList<>();
            List<Member> population = new ArrayList<>();
            for (int i = 3; i < lines.length; i++) {
                lineNo = i + 1;
                String l = lines[i].trim();
                int comment = l.indexOf(" #");
                if (comment >= 0) {
                    l = l.substring(0, comment).trim(); // the expression, for readers; recomputed from the cell
                }
                if (l.isEmpty()) {
                    continue;
                }
                String[] p = l.split(" ", 6);
                if (p.length != 6 || !(p[0].equals("pool") || p[0].equals("member")) || !(p[4].equals("flip") || p[4].equals("noflip"))) {
                    throw new IllegalArgumentException("expected 'pool|member <id> <birth> <fitness> flip|noflip <cell code>'");
                }
                Member m = Member.restore(Long.parseLong(p[1]), Long.parseLong(p[2]), Cell.parseCode(p[5]), Double.parseDouble(p[3]),
                        p[4].equals("flip"));
                (p[0].equals("pool") ? pool : population).add(m);
            }
            lineNo = 0;
            return Evolution.checked(new EvolutionState(config, phase, step, tries, cycle, rescored, pool, population));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad NLFS evolution state" + (lineNo > 0 ? " at line " + lineNo : "") + ": " + e.getMessage(), e);
        }
    }

    private static java.util.Map<String, String> fields(String line, String kind) {
        String[] parts = line.trim().split(" ");
        if (!parts[0].equals(kind)) {
            throw new IllegalArgumentException("expected a '" + kind + "' line");
        }
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + parts[i] + "'");
            }
            m.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvolutionState s && config.equals(s.config) && phase == s.phase && step == s.step && tries == s.tries
                && cycle == s.cycle && rescored == s.rescored && pool.equals(s.pool) && population.equals(s.population);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + Long.hashCode(cycle);
    }

    @Override
    public String toString() {
        return "EvolutionState(" + phase + ", step " + step + ", cycle " + cycle + ", " + (pool.isEmpty() ? population.size() + " members" : pool.size() + " in the pool") + ")";
    }
}
