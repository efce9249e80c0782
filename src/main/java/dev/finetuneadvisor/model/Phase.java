package dev.finetuneadvisor.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The phases of an evaluation, by name, first to last: the one declaration of what a rule's {@code salience}
 * may be. A rule names its phase and gives the phase's number, {@code @phase("VERDICT") salience -300};
 * {@code advisor check} reports a salience that is not a phase's number, or a name that does not match it
 * ({@code engine.PhaseLint}). Salience is used for this only. Correctness never depends on it (every
 * conclusion is an {@code insertLogical}); the phases keep a gate from being judged before all its checks are
 * in, so nothing is concluded and then withdrawn ({@code rulesFired} lists only reasoning that stands) and the
 * engine does less work.
 *
 * <p>Why salience phases with a checked name rather than {@code agenda-group}s or a {@code ruleflow-group}: those
 * need Java to set the focus of each group in turn, and a rule that forgets its group silently never fires.
 * Why the number is written beside the name rather than {@code salience Phase.VERDICT}: Drools compiles
 * anything but an integer literal into a dynamic salience, an expression evaluated on every activation, which
 * measured about half the engine's throughput (docs/authoring-rules.md, "Phases").
 */
public final class Phase {
    /** The checks of each gate, the traffic and most cost figures: every rule with no salience (0). */
    public static final int CHECKS = 0;
    /** Where a fine-tuned model would run, chosen from all its reasons at once, before it is costed. */
    public static final int SERVING = -10;
    /** A gate judged from its checks, once they are all in. */
    public static final int GATES = -100;
    /** Whether advice that prepares a fine-tune waits, from the gates' own findings. */
    public static final int PREP_WAITS = -150;
    /** The gates' order: which are reached, which stop the decision. */
    public static final int ORDER = -200;
    /** The verdict, from the first gate that does not pass. */
    public static final int VERDICT = -300;
    /** Advice that depends on the verdict. */
    public static final int ADVICE = -400;

    private Phase() {
    }

    /** Every phase by name ({@code VERDICT}), in order, first to last. */
    public static Map<String, Integer> all() {
        Map<String, Integer> phases = new LinkedHashMap<>();
        phases.put("CHECKS", CHECKS);
        phases.put("SERVING", SERVING);
        phases.put("GATES", GATES);
        phases.put("PREP_WAITS", PREP_WAITS);
        phases.put("ORDER", ORDER);
        phases.put("VERDICT", VERDICT);
        phases.put("ADVICE", ADVICE);
        return phases;
    }
}
