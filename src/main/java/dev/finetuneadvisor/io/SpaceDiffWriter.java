package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes what a rule change does to the whole fact space ({@code advisor diff --space}) as text, JSON or Markdown
 * (a pull-request comment), and each way decisions changed as a scenario of {@code tests/} that pins it.
 * <p>
 * Same report, same bytes, but for the time taken and the evaluations a second: text and Markdown give them on one
 * line of their own ({@code time: ...}; the text's second line, Markdown's last), JSON in one {@code timing} object,
 * so that a comparison can leave them out.
 */
public final class SpaceDiffWriter {
    private static final ObjectMapper FACTS = FactFormat.json();
    private static final String ARROW = " -> ";

    private SpaceDiffWriter() {
    }

    /**
     * Where a group's representative leaves the group when one number moves.
     *
     * @param field the field's path
     * @param low the smallest value in the group, or null (down to the range's end)
     * @param high the largest value in the group, or null (up to the range's end)
     * @param decides true when, just outside the interval, the decision does not change at all: the field decides the
     *                change; false when the case changes another way there (the field only bounds this group)
     */
    public record Bound(String field, Object low, Object high, boolean decides) {
        /** A bound that only bounds its group. */
        public Bound(String field, Object low, Object high) {
            this(field, low, high, false);
        }

        /** {@code field in [low, high]}, {@code field >= low} or {@code field <= high}. */
        public String describe() {
            if (low == null) {
                return field + " <= " + ScenarioWriter.number(high);
            }
            if (high == null) {
                return field + " >= " + ScenarioWriter.number(low);
            }
            return field + " in [" + ScenarioWriter.number(low) + ", " + ScenarioWriter.number(high) + "]";
        }
    }

    /**
     * One way decisions changed.
     *
     * @param from the verdict under the base rules ("failed: KIND" when they failed)
     * @param to the verdict under the current rules
     * @param gained advisory codes the current rules add
     * @param lost advisory codes the current rules drop
     * @param cases cases that changed so
     * @param representativeOf the id of the case of the space the representative was made from
     * @param representative the representative's fields, by path, in fact-file order
     * @param boundaries where it flips when one number decides it
     */
    public record Group(String from, String to, List<String> gained, List<String> lost, long cases, String representativeOf,
                        Map<String, Object> representative, List<Bound> boundaries) {
        /** False when the current rules fail on it: no scenario can expect that. */
        public boolean writable() {
            return !to.startsWith("failed");
        }
    }

    /**
     * The report.
     *
     * @param space the space evaluated
     * @param groups each way decisions changed, most cases first
     * @param numbersOnly cases whose verdict and codes stayed but whose gate findings or cost figures changed
     * @param scenarios the directory the representatives are written to, or null
     */
    public record Diff(VerifyWriter.Space space, List<Group> groups, long numbersOnly, Path scenarios) {
        /** True when some case changed at all. */
        public boolean changed() {
            return !groups.isEmpty() || numbersOnly > 0;
        }

        long changedCases() {
            return groups.stream().mapToLong(Group::cases).sum();
        }
    }

    /** A change of verdict over all its groups (whatever codes came and went). */
    record VerdictChange(String from, String to, long cases) {
    }

    /** The groups whose verdict changed, summed by verdict before and after, most cases first. */
    static List<VerdictChange> verdictChanges(List<Group> groups) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, Group> firsts = new LinkedHashMap<>();
        for (Group g : groups) {
            if (!g.from().equals(g.to())) {
                String key = g.from() + ARROW + g.to();
                sums.computeIfAbsent(key, k -> new long[1])[0] += g.cases();
                firsts.putIfAbsent(key, g);
            }
        }
        List<VerdictChange> out = new ArrayList<>();
        sums.forEach((k, n) -> out.add(new VerdictChange(firsts.get(k).from(), firsts.get(k).to(), n[0])));
        out.sort(Comparator.comparingLong(VerdictChange::cases).reversed().thenComparing(VerdictChange::from).thenComparing(VerdictChange::to));
        return out;
    }

    // ---- text ----

    /** The text report. */
    public static void text(Diff d, PrintWriter out) {
        VerifyWriter.Space s = d.space();
        out.println("space: " + VerifyWriter.space(s));
        if (d.groups().isEmpty()) {
            out.println("no decision changed over the fact space (" + n(s.cases()) + " cases)");
        } else {
            out.println(d.groups().size() + (d.groups().size() == 1 ? " way" : " ways") + " decisions changed, in " + n(d.changedCases())
                    + " of " + n(s.cases()) + " cases (" + share(d.changedCases(), s.cases()) + ")");
        }
        for (VerdictChange v : verdictChanges(d.groups())) {
            out.println("  verdict " + v.from() + ARROW + v.to() + ": " + cases(v.cases()) + " (" + share(v.cases(), s.cases()) + ")");
        }
        if (d.numbersOnly() > 0) {
            out.println(cases(d.numbersOnly()) + " changed otherwise (same verdict and codes; a gate's finding, a cost figure or the wording)");
        }
        List<String> names = scenarioNames(d.groups());
        for (int i = 0; i < d.groups().size(); i++) {
            Group g = d.groups().get(i);
            out.println();
            out.println(change(g, ARROW) + ": " + cases(g.cases()) + " (" + share(g.cases(), s.cases()) + ")");
            for (Bound b : g.boundaries()) {
                out.println(b.decides() ? "  flips at: " + b.describe() + ": " + g.from() + ARROW + g.to()
                        : "  only while: " + b.describe() + " (outside it the change is another)");
            }
            out.println("  representative (from " + g.representativeOf() + "): " + compact(g.representative()));
            if (d.scenarios() != null) {
                out.println(names.get(i) == null ? "  scenario: not written (the current rules fail on it)"
                        : "  scenario: " + d.scenarios().resolve(names.get(i) + ScenarioReader.ENDING));
            }
        }
    }

    /** {@code FROM -> TO, + GAINED, - LOST}. */
    private static String change(Group g, String arrow) {
        StringBuilder b = new StringBuilder(g.from()).append(arrow).append(g.to());
        g.gained().forEach(c -> b.append(", + ").append(c));
        g.lost().forEach(c -> b.append(", - ").append(c));
        return b.toString();
    }

    /** The fields as {@code path: value} pairs on one line. */
    static String compact(Map<String, Object> given) {
        List<String> parts = new ArrayList<>();
        given.forEach((path, value) -> parts.add(path + ": " + value(value)));
        return parts.isEmpty() ? "(no field given)" : String.join(", ", parts);
    }

    // ---- JSON ----

    /**
     * The JSON report: {@code space}, {@code changed}, {@code changedCases}, {@code numbersOnly}, {@code verdictChanges}
     * (each {@code from}, {@code to}, {@code cases}, {@code sharePercent}: the groups summed by verdict), {@code groups}
     * (each {@code from}, {@code to}, {@code gained}, {@code lost}, {@code cases}, {@code sharePercent},
     * {@code boundaries} ({@code field}, {@code low}, {@code high}: null on a side open to the range's end),
     * {@code representative} ({@code from}: the case of the space it was made from, {@code given}: its fields by path),
     * {@code scenario}: the file written, or null), then {@code timing} ({@code evaluations}, {@code millis},
     * {@code evaluationsPerSecond}). {@code space} and {@code timing} are as {@code verify} writes them
     * ({@link VerifyWriter#spaceFields}).
     */
    public static String json(Diff d) throws JsonProcessingException {
        ObjectMapper m = Json.mapper();
        ObjectNode root = m.createObjectNode();
        VerifyWriter.Space s = d.space();
        root.set("space", m.valueToTree(VerifyWriter.spaceFields(s)));
        root.put("changed", d.changed());
        root.put("changedCases", d.changedCases());
        root.put("numbersOnly", d.numbersOnly());
        ArrayNode verdicts = root.putArray("verdictChanges");
        for (VerdictChange v : verdictChanges(d.groups())) {
            ObjectNode n = verdicts.addObject();
            n.put("from", v.from());
            n.put("to", v.to());
            n.put("cases", v.cases());
            n.put("sharePercent", percent(v.cases(), s.cases()));
        }
        ArrayNode groups = root.putArray("groups");
        List<String> names = scenarioNames(d.groups());
        for (int i = 0; i < d.groups().size(); i++) {
            Group g = d.groups().get(i);
            ObjectNode n = groups.addObject();
            n.put("from", g.from());
            n.put("to", g.to());
            ArrayNode gained = n.putArray("gained");
            g.gained().forEach(gained::add);
            ArrayNode lost = n.putArray("lost");
            g.lost().forEach(lost::add);
            n.put("cases", g.cases());
            n.put("sharePercent", percent(g.cases(), s.cases()));
            ArrayNode bounds = n.putArray("boundaries");
            for (Bound b : g.boundaries()) {
                ObjectNode bn = bounds.addObject();
                bn.put("field", b.field());
                bn.set("low", node(b.low()));
                bn.set("high", node(b.high()));
                bn.put("decides", b.decides());
            }
            ObjectNode rep = n.putObject("representative");
            rep.put("from", g.representativeOf());
            ObjectNode given = rep.putObject("given");
            g.representative().forEach((path, value) -> given.set(path, node(value)));
            if (d.scenarios() != null && names.get(i) != null) {
                n.put("scenario", d.scenarios().resolve(names.get(i) + ScenarioReader.ENDING).toString());
            } else {
                n.putNull("scenario");
            }
        }
        root.set("timing", m.valueToTree(VerifyWriter.timingFields(s)));
        return Json.pretty().writeValueAsString(root);
    }

    // ---- Markdown ----

    /** The Markdown report: a summary, a table of the changes, each representative as the scenario that pins it. */
    public static void markdown(Diff d, PrintWriter out) {
        VerifyWriter.Space s = d.space();
        out.println("### Rule change over the fact space");
        out.println();
        String summary = d.groups().isEmpty()
                ? "No decision changed over the fact space's " + n(s.cases()) + " cases"
                : "**" + n(d.changedCases()) + " of " + n(s.cases()) + " cases (" + share(d.changedCases(), s.cases()) + ") change verdict or codes**, in "
                        + d.groups().size() + (d.groups().size() == 1 ? " way" : " ways");
        out.println(summary + (d.numbersOnly() > 0 ? "; " + n(d.numbersOnly()) + " change otherwise (same verdict and codes; a gate's finding, a cost figure or the wording)" : "")
                + ". Space: " + VerifyWriter.space(s) + ".");
        List<VerdictChange> verdicts = verdictChanges(d.groups());
        if (!verdicts.isEmpty()) {
            out.println();
            out.println("Verdicts: " + String.join("; ", verdicts.stream()
                    .map(v -> cell(v.from() + " → " + v.to()) + " " + n(v.cases()) + " (" + share(v.cases(), s.cases()) + ")").toList()) + ".");
        }
        if (!d.groups().isEmpty()) {
            out.println();
            out.println("| # | before | after | codes gained | codes lost | cases | share | where it flips |");
            out.println("|---:|---|---|---|---|---:|---:|---|");
            for (int i = 0; i < d.groups().size(); i++) {
                Group g = d.groups().get(i);
                List<String> bounds = g.boundaries().stream().map(b -> "`" + cell(b.describe()) + "`" + (b.decides() ? "" : " (only bounds it)")).toList();
                out.println("| " + (i + 1) + " | " + cell(g.from()) + " | " + cell(g.to()) + " | " + cell(String.join(", ", g.gained())) + " | "
                        + cell(String.join(", ", g.lost())) + " | " + n(g.cases()) + " | " + share(g.cases(), s.cases()) + " | "
                        + String.join("<br>", bounds) + " |");
            }
            out.println();
            out.println("<details><summary>A minimal case of each change, as a scenario that pins it</summary>");
            List<String> names = scenarioNames(d.groups());
            for (int i = 0; i < d.groups().size(); i++) {
                Group g = d.groups().get(i);
                out.println();
                out.println("**" + (i + 1) + ". " + cell(change(g, " → ")) + "**" + (names.get(i) == null ? "" : " (`" + names.get(i) + ScenarioReader.ENDING + "`)"));
                out.println();
                out.println("```yaml");
                out.print(g.writable() ? scenario(g, s) : ScenarioWriter.text(description(g, s), g.representativeOf(), g.representative(), Map.of()));
                out.println("```");
            }
            out.println();
            out.println("</details>");
        }
    }

    /** Text for a Markdown table cell: on one line, its pipes escaped. */
    static String cell(String text) {
        return Terminal.oneLine(text).replace("|", "\\|");
    }

    // ---- scenarios ----

    /**
     * Each group's file name (without {@code .yaml}), in group order: {@code space-<from>-to-<to>}, with the first code
     * gained or lost when the verdict stayed, numbered from {@code -2} when taken; null for a group the current rules
     * fail on.
     */
    public static List<String> scenarioNames(List<Group> groups) {
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Group g : groups) {
            if (!g.writable()) {
                out.add(null);
                continue;
            }
            String name = "space-" + slug(g.from()) + "-to-" + slug(g.to());
            if (g.from().equals(g.to())) {
                name += !g.gained().isEmpty() ? "-gains-" + slug(g.gained().get(0)) : "-loses-" + slug(g.lost().get(0));
            }
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) {
                unique = name + "-" + n;
            }
            out.add(unique);
        }
        return out;
    }

    /**
     * The scenario that pins a group's change: the representative, expecting the new verdict, the codes gained and
     * the codes lost absent -- it passes on the current rules and fails on the base rules.
     */
    public static String scenario(Group g, VerifyWriter.Space space) {
        Map<String, Object> expect = new LinkedHashMap<>();
        expect.put("verdict", g.to());
        // CODE×N: the code is given N times now, which the scenario pins with count: (a code given twice fails otherwise)
        List<String> codes = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (List<String> side : List.of(g.gained(), g.lost())) {
            for (String code : side) {
                int times = code.indexOf('\u00d7');
                if (times >= 0) {
                    count.put(code.substring(0, times), Integer.parseInt(code.substring(times + 1)));
                } else {
                    (side == g.gained() ? codes : absent).add(code);
                }
            }
        }
        if (!codes.isEmpty()) {
            expect.put("codes", codes);
        }
        if (!absent.isEmpty()) {
            expect.put("absent", absent);
        }
        if (!count.isEmpty()) {
            expect.put("count", count);
        }
        return ScenarioWriter.text(description(g, space), g.representativeOf(), g.representative(), expect);
    }

    private static String description(Group g, VerifyWriter.Space space) {
        StringBuilder b = new StringBuilder("Pins a rule change found by diff --space: " + change(g, ARROW) + " (" + n(g.cases()) + " of "
                + n(space.cases()) + " cases of the fact space)");
        if (!g.boundaries().isEmpty()) {
            b.append(", where ").append(String.join("; ", g.boundaries().stream().map(Bound::describe).toList()));
        }
        return b.append('.').toString();
    }

    /**
     * Writes each group's scenario into {@code dir} (created), a group the current rules fail on excepted.
     *
     * @return the files written, in group order
     */
    public static List<Path> writeScenarios(Path dir, Diff d) throws IOException {
        List<String> names = scenarioNames(d.groups());
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < d.groups().size(); i++) {
            if (names.get(i) != null) {
                written.add(ScenarioWriter.write(dir, names.get(i), scenario(d.groups().get(i), d.space())));
            }
        }
        return written;
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "none" : s;
    }

    // ---- numbers ----

    private static String cases(long n) {
        return n(n) + (n == 1 ? " case" : " cases");
    }

    /** A count as the reports write it, with thousands separators: {@code 12,022}. */
    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A share of the space in percent, one decimal: {@code 3.7%}. */
    static String share(long part, long whole) {
        return percent(part, whole).toPlainString() + "%";
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(1)
                : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /** A value as a fact file writes it: a number as {@link ScenarioWriter#number}, a word bare, other text quoted. */
    private static String value(Object v) {
        if (v instanceof Number) {
            return ScenarioWriter.number(v);
        }
        JsonNode n = FACTS.valueToTree(v);
        String text = n.isTextual() ? n.textValue() : n.toString();
        return n.isTextual() && !text.matches("[A-Za-z0-9_.-]+") ? n.toString() : Terminal.oneLine(text);
    }

    /** A value as a JSON node, whole numbers without decimals. */
    private static JsonNode node(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return FACTS.getNodeFactory().numberNode(d.longValue());
        }
        return FACTS.valueToTree(v);
    }
}
