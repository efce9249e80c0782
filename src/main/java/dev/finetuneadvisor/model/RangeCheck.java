package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * Whether a verdict holds across the article's own ranges: the use case evaluated again with each cost input
 * the estimate chose within an article range (and the use case did not give) at the low and at the high end
 * of that range, one at a time, and, with two inputs or more, with all of them at the ends where fine-tuning
 * costs most together ({@code verdictAllCostliest}) and where it costs least ({@code verdictAllCheapest}).
 *
 * @param holds true when every one of those evaluations reaches the same verdict as the use case itself
 * @param inputs one entry per range input, in the order the cost model read them; empty when the estimate
 *     rests on none (no volume, or the use case gave its own values)
 * @param verdictAllCostliest the verdict with every input at its costlier end; null with fewer than two inputs
 * @param verdictAllCheapest the verdict with every input at its cheaper end; null with fewer than two inputs
 */
@JsonPropertyOrder({"holds", "inputs", "verdictAllCostliest", "verdictAllCheapest"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RangeCheck(boolean holds, List<Input> inputs, String verdictAllCostliest, String verdictAllCheapest) {
    public RangeCheck {
        inputs = List.copyOf(inputs);
    }

    /**
     * One range input at both ends.
     *
     * @param name the cost input's name ({@code costs.NAME} in a fact file)
     * @param value the value the use case's own estimate used
     * @param low the article's low end
     * @param high the article's high end
     * @param verdictAtLow the verdict with the input at {@code low}, the rest as given
     * @param verdictAtHigh the verdict with the input at {@code high}
     * @param costlierEnd which end makes fine-tuning cost more against the frontier: "low" or "high"; absent when
     *     both ends cost the same (the input does not move this case's figures)
     * @param provenance the input's provenance, for its label in text
     */
    @JsonPropertyOrder({"name", "value", "low", "high", "verdictAtLow", "verdictAtHigh", "costlierEnd"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String name, double value, double low, double high, String verdictAtLow, String verdictAtHigh,
                        String costlierEnd, @JsonIgnore Provenance provenance) {
        public Input {
            Objects.requireNonNull(name, "name");
        }

        /** True when both ends reach {@code verdict}. */
        public boolean holds(String verdict) {
            return verdict.equals(verdictAtLow) && verdict.equals(verdictAtHigh);
        }
    }
}
