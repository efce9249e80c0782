package dev.finetuneadvisor.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a fine-tuned model would run, as the deployment rules choose it from privacy, volume and latency
 * before anything is costed: a hosted fine-tuning API, an open model on a per-token inference provider, or
 * an open model the team serves itself. {@code reasons} are the rules' own words for the choice.
 */
public final class Serving {
    /** The three deployment paths the article names. */
    public enum Path {
        /** "Hosted fine-tuning (OpenAI, Vertex AI, Together AI)": a per-token price, nothing to serve. */
        HOSTED_API,
        /** An open model on "a $0.10/1M token inference provider" (the worked example): a per-token price. */
        INFERENCE_PROVIDER,
        /** An open model on the team's own GPUs: "GPU infrastructure at $500-$5,000/month". */
        SELF_SERVED
    }

    private final Path path;
    private final List<String> reasons;
    private final Set<ServingReason.Kind> kinds;

    public Serving(Path path, List<String> reasons) {
        this(path, reasons, Set.of());
    }

    /** A path with its reasons and their kinds (see {@link ServingReason}). */
    public Serving(Path path, List<String> reasons, Collection<ServingReason.Kind> kinds) {
        this.path = Objects.requireNonNull(path, "path");
        this.reasons = List.copyOf(reasons);
        this.kinds = Set.copyOf(kinds);
    }

    /** True when one of the reasons is of this kind. */
    public boolean hasReason(ServingReason.Kind kind) { return kinds.contains(kind); }

    public Path getPath() { return path; }

    /** Why this path, one phrase each, in the rules' words. */
    public List<String> getReasons() { return reasons; }

    /** The reasons joined with "and". */
    public String because() { return String.join(" and ", reasons); }

    public boolean isPerToken() { return path != Path.SELF_SERVED; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Serving s && s.path == path && s.reasons.equals(reasons) && s.kinds.equals(kinds);
    }

    @Override
    public int hashCode() { return Objects.hash(path, reasons, kinds); }
}
