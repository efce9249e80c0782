package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.finetuneadvisor.model.Assumptions;
import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.OrganisationCost;
import dev.finetuneadvisor.model.OrganisationCosts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an organisation's own assumptions file ({@code --assumptions FILE}): its values for some of the cost
 * inputs of {@code rules/assumptions.yaml}, each with the date it was set.
 * <pre>
 *   costs:
 *     engineerUsdPerWeek:
 *       value: 5200              # a number >= 0, in the unit of rules/assumptions.yaml ($ for prices)
 *       set: 2026-10-01          # the date the organisation set it (YYYY-MM-DD)
 *       note: fully loaded, from finance's FY27 plan   # optional: where it comes from
 * </pre>
 * Only cost inputs can be given: thresholds are the article's lines, the same for everyone. Every mistake (a
 * name that is not a cost input, a missing date, a bad number, a field the file does not know, a date after
 * today) is a problem at file:line:column, all of them in one pass; the file is then not used.
 */
public final class OrganisationFile {
    /** The one section of the file. */
    static final String COSTS = "costs";
    /**
     * The number of {@code rules/assumptions.yaml}'s {@code organisation:} section that says how many days old a
     * value may be before a run warns that it may be out of date.
     */
    public static final String MAX_AGE_DAYS = "maxPriceAgeDays";
    private static final List<String> FIELDS = List.of("value", "set", "note");

    private OrganisationFile() {
    }

    /**
     * The names an organisation's file may set: the cost inputs a use case may give under {@code costs:} (the
     * same set, so what counts as a cost input of one's own is decided once).
     */
    public static Set<String> settable(Assumptions assumptions) {
        return assumptions.costKeys().allowed();
    }

    /**
     * Reads the file, adding every problem to {@code problems}.
     *
     * @param shown how the file is named in problems and in results (as the command line gave it)
     * @param costInputs the names the file may set ({@link #settable})
     * @param today the date a {@code set:} may not be after
     * @return the organisation's cost inputs, or null when the file has a problem
     */
    public static OrganisationCosts read(Path file, String shown, Set<String> costInputs, LocalDate today, List<RuleProblem> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 0, 0, "cannot read the organisation's assumptions file: "
                    + (Files.exists(file) ? e.getMessage() : "no such file")));
            return null;
        }
        RuleProblem syntax = RulesYaml.syntaxProblem(new ByteArrayInputStream(bytes), shown);
        if (syntax != null) {
            problems.add(syntax);
            return null;
        }
        List<RuleProblem> found = new ArrayList<>();
        List<OrganisationCost> costs = new ArrayList<>();
        try (JsonParser p = RulesYaml.open(new ByteArrayInputStream(bytes))) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                found.add(error(shown, p.currentTokenLocation(), "expected a mapping with 'costs:', the cost inputs the organisation sets"));
            } else {
                readSections(p, shown, new TreeSet<>(costInputs), today, costs, found);
            }
        } catch (IOException e) {
            JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            found.add(error(shown, at, message));
        }
        problems.addAll(found);
        return found.isEmpty() ? new OrganisationCosts(shown, bytes, costs) : null;
    }

    /**
     * The values older than {@code maxAgeDays} on {@code today}, in file order: what a run warns about (the
     * values are still used; a price may simply not have changed).
     */
    public static List<OrganisationCost> olderThan(OrganisationCosts costs, double maxAgeDays, LocalDate today) {
        return costs.costs().stream().filter(c -> ChronoUnit.DAYS.between(c.set(), today) > maxAgeDays).toList();
    }

    private static void readSections(JsonParser p, String shown, TreeSet<String> names, LocalDate today, List<OrganisationCost> costs,
                                     List<RuleProblem> found) throws IOException {
        for (String section = p.nextFieldName(); section != null; section = p.nextFieldName()) {
            JsonLocation at = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            if (!section.equals(COSTS)) {
                found.add(error(shown, at, section.equals("thresholds")
                        ? "thresholds are the article's lines and the same for everyone; an organisation sets only cost inputs, under costs:"
                        : "unknown section '" + section + "'; allowed: costs"));
                p.skipChildren();
            } else if (t != JsonToken.START_OBJECT) {
                found.add(error(shown, at, "costs: must be a mapping of cost inputs to entries (value:, set:, note:)"));
                p.skipChildren();
            } else {
                readCosts(p, shown, names, today, costs, found);
            }
        }
    }

    private static void readCosts(JsonParser p, String shown, TreeSet<String> names, LocalDate today, List<OrganisationCost> costs,
                                  List<RuleProblem> found) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonLocation at = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            String path = COSTS + "." + name;
            if (!names.contains(name)) {
                String near = EditDistance.near(name, names);
                found.add(error(shown, at, path + ": not a cost input an organisation sets" + (near == null ? "" : "; did you mean " + near + "?")
                        + " (allowed: " + String.join(", ", names) + ")"));
                p.skipChildren();
                continue;
            }
            if (t != JsonToken.START_OBJECT) {
                found.add(error(shown, at, path + ": expected a mapping with value: and set: (the date the value was set), got '"
                        + p.getText() + "'"));
                p.skipChildren();
                continue;
            }
            OrganisationCost cost = readEntry(p, shown, path, name, at, today, found);
            if (cost != null) {
                costs.add(cost);
            }
        }
    }

    /** One entry (the parser inside its mapping); null, with its problems added, when it is not usable. */
    private static OrganisationCost readEntry(JsonParser p, String shown, String path, String name, JsonLocation at, LocalDate today,
                                              List<RuleProblem> found) throws IOException {
        int before = found.size();
        Double value = null;
        LocalDate set = null;
        String note = null;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonLocation fieldAt = p.currentTokenLocation();
            JsonToken v = p.nextToken();
            switch (field) {
                case "value" -> value = number(p, v, shown, path + ".value", fieldAt, found);
                case "set" -> set = date(p, v, shown, path + ".set", fieldAt, today, found);
                case "note" -> {
                    if (v != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                        found.add(error(shown, fieldAt, path + ".note: expected text, got '" + p.getText() + "'"));
                        p.skipChildren();
                    } else {
                        note = p.getText().strip();
                    }
                }
                default -> {
                    found.add(error(shown, fieldAt, path + ": unknown field '" + field + "'; allowed: " + String.join(", ", FIELDS)));
                    p.skipChildren();
                }
            }
        }
        if (found.size() > before) {
            return null;
        }
        if (value == null) {
            found.add(error(shown, at, path + ": missing value: (a number >= 0)"));
        }
        if (set == null) {
            found.add(error(shown, at, path + ": missing set: the date the value was set, as YYYY-MM-DD"));
        }
        return found.size() > before ? null : new OrganisationCost(name, value, set, note, shown, at.getLineNr());
    }

    private static Double number(JsonParser p, JsonToken v, String shown, String path, JsonLocation at, List<RuleProblem> found)
            throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            found.add(error(shown, at, path + ": expected a number >= 0, written without a currency sign or thousands separators"
                    + " (5200), got '" + p.getText() + "'"));
            p.skipChildren();
            return null;
        }
        double value = p.getDoubleValue();
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            found.add(error(shown, at, path + ": " + p.getText() + " is out of range; allowed: a number >= 0"));
            return null;
        }
        return value;
    }

    private static LocalDate date(JsonParser p, JsonToken v, String shown, String path, JsonLocation at, LocalDate today,
                                  List<RuleProblem> found) throws IOException {
        String text = p.getText();
        LocalDate date = null;
        if (v == JsonToken.VALUE_STRING) {
            try {
                date = LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                date = null;
            }
        }
        if (date == null) {
            found.add(error(shown, at, path + ": expected the date the value was set, as YYYY-MM-DD (2026-10-01), got '" + text + "'"));
            p.skipChildren();
            return null;
        }
        if (date.isAfter(today)) {
            // a typo here would also silence the age warning for years
            found.add(error(shown, at, path + ": " + date + " is after today (" + today + "); give the date the value was set"));
            return null;
        }
        return date;
    }

    private static RuleProblem error(String shown, JsonLocation at, String message) {
        return RulesYaml.error(shown, at, message);
    }
}
