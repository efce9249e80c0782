package dev.finetuneadvisor.engine.verify;

import dev.finetuneadvisor.engine.EvaluationException;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import java.util.List;
import java.util.TreeMap;

/**
 * What the rules concluded for one case of the space (the engine only: no counterfactual search, no wording), or
 * why they could not.
 *
 * @param result the result, or null
 * @param failure why there is none, or null
 */
public record Outcome(Result result, EvaluationException failure) {

    /** True when the rules reached a result. */
    public boolean ok() {
        return result != null;
    }

    /**
     * What the space diff and the flip search compare: the verdict, each gate's status and finding, and the codes
     * concluded (with how many times), or the kind of failure.
     */
    public String decision() {
        if (result == null) {
            return "failed: " + failure.kind();
        }
        StringBuilder b = new StringBuilder(result.verdict());
        for (GateResult g : result.gates()) {
            b.append(' ').append(g.getStatus()).append('/').append(g.getFinding());
        }
        TreeMap<String, Integer> codes = new TreeMap<>();
        for (Recommendation r : result.recommendations()) {
            codes.merge(r.getCode(), 1, Integer::sum);
        }
        b.append(' ').append(codes);
        return b.toString();
    }

    /**
     * The same outcome without what the checks over the space do not read: the wording (explanations, gate
     * reasons), the costs and the rules fired. A failure keeps its message.
     */
    public Outcome slim() {
        if (result == null) {
            return this;
        }
        List<GateResult> gates = result.gates().stream()
                .map(g -> new GateResult(g.getNumber(), g.getName(), g.getStatus(), g.getFinding(), "", g.getFields())).toList();
        List<Recommendation> recs = result.recommendations().stream()
                .map(r -> new Recommendation(r.getCode(), r.getKind(), r.getRule(), r.getSection(), r.getAction(), r.getStoppedAt(), "")).toList();
        return new Outcome(new Result(result.id(), result.file(), result.title(), result.verdict(), gates, recs, null, List.of()), null);
    }

    /** The codes concluded, the verdict's first, each once, sorted after it. */
    public List<String> codes() {
        return result == null ? List.of() : result.recommendations().stream().map(Recommendation::getCode).distinct().toList();
    }
}
