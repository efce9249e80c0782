package dev.finetuneadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One cost input an organisation set in its own assumptions file ({@code --assumptions FILE}), in place of
 * the value of {@code rules/assumptions.yaml}: its engineer-week, a negotiated price. It says where the value
 * comes from (the file and the date it was set), so a result can name it as the source of a figure.
 *
 * @param name the cost input's name in {@code assumptions.yaml} ({@code engineerUsdPerWeek})
 * @param value the organisation's value
 * @param set the date the organisation set it
 * @param note where the number comes from or anything else worth knowing (null when none)
 * @param file the file as the command line named it
 * @param line the entry's line in that file (1-based)
 */
@JsonPropertyOrder({"name", "value", "file", "set", "note"})
public record OrganisationCost(String name, double value, @JsonIgnore LocalDate set, @JsonInclude(JsonInclude.Include.NON_NULL) String note,
                               String file, @JsonIgnore int line) {
    public OrganisationCost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(file, "file");
    }

    /** The date it was set as fact files write dates: {@code 2026-10-01}. */
    @JsonProperty("set")
    public String setOn() {
        return set.toString();
    }

    /** {@code from .advisor/assumptions.yaml, set 2026-10-01}: how reports name the source. */
    public String source() {
        return "from " + file + ", set " + set;
    }
}
