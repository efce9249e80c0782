package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.io.Json;
import dev.finetuneadvisor.io.Scenario;
import dev.finetuneadvisor.io.ScenarioReader;
import dev.finetuneadvisor.model.InputError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code advisor diff --space} as a rule author runs it before merging: on a copy of rules/ whose minimum of labeled
 * examples went from 1,000 to 2,000 (the one modified copy this class compiles), and on the shipped rules against
 * themselves. A small space (t = 1, single deviations, no random or flip cases) keeps it fast.
 */
class DiffSpaceCommandTest {
    private static final String[] SMALL = {"--strength", "1", "--deviations", "0", "--random", "0", "--flip-sample", "0"};

    @TempDir
    static Path tmp;
    private static Path raised;
    private static Path written;
    private static AdviseCommandTest.Run first;
    private static AdviseCommandTest.Run second;

    @BeforeAll
    static void diffTheRaisedMinimumTwice() throws IOException {
        // Given a copy of rules/ with minLabeledExamples 1000 -> 2000
        raised = copyRules(tmp.resolve("rules-2000"));
        Path assumptions = raised.resolve("assumptions.yaml");
        String text = Files.readString(assumptions);
        String changed = text.replaceFirst("(minLabeledExamples:\\s*\\n\\s*value:\\s*)1000\\b", "$12000");
        assertFalse(changed.equals(text), "the copy must raise minLabeledExamples");
        Files.writeString(assumptions, changed);
        written = tmp.resolve("written");
        // When diff --space compares it with rules/, twice, writing the representatives
        first = diff(written);
        second = diff(written);
    }

    private static AdviseCommandTest.Run diff(Path write) {
        List<String> args = new ArrayList<>(List.of("diff", "--space", "--base-rules", "rules", "--rules", raised.toString(),
                "--format", "json", "--exit-code", "--write", write.toString()));
        args.addAll(List.of(SMALL));
        return AdviseCommandTest.run(args.toArray(String[]::new));
    }

    private static Path copyRules(Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(TestRules.RULES)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(TestRules.RULES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static JsonNode json(String out) {
        try {
            return Json.mapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_raised_minimum_turns_fine_tune_into_get_data_first_between_the_old_and_the_new_minimum() {
        // Then it exits 1 (--exit-code, something changed)
        assertEquals(ExitCodes.FOUND, first.code(), first.err());
        JsonNode report = json(first.out());
        assertTrue(report.get("changed").asBoolean());
        // and among its groups FINE_TUNE -> GET_DATA_FIRST flips where data.labeledExamples is 1000..1999
        JsonNode found = null;
        for (JsonNode g : report.get("groups")) {
            if (g.get("from").asText().equals("FINE_TUNE") && g.get("to").asText().equals("GET_DATA_FIRST")) {
                for (JsonNode b : g.get("boundaries")) {
                    if (b.get("field").asText().equals("data.labeledExamples") && b.get("low").asLong() == 1000 && b.get("high").asLong() == 1999
                            && b.get("decides").asBoolean()) {
                        found = g;
                    }
                }
            }
        }
        assertNotNull(found, first.out());
        // with a representative inside that interval
        long labeled = found.get("representative").get("given").get("data.labeledExamples").asLong();
        assertTrue(labeled >= 1000 && labeled <= 1999, "representative gives " + labeled);
        assertTrue(found.get("cases").asLong() > 0);
    }

    @Test
    void each_group_counts_its_cases_with_their_share_of_the_space_most_cases_first() {
        JsonNode report = json(first.out());
        long space = report.get("space").get("cases").asLong();
        long previous = Long.MAX_VALUE;
        long sum = 0;
        for (JsonNode g : report.get("groups")) {
            long cases = g.get("cases").asLong();
            assertTrue(cases <= previous, "groups sorted by count");
            previous = cases;
            sum += cases;
            BigDecimal share = BigDecimal.valueOf(cases * 100).divide(BigDecimal.valueOf(space), 1, RoundingMode.HALF_UP);
            assertEquals(0, share.compareTo(g.get("sharePercent").decimalValue()), g.toString());
        }
        assertEquals(sum, report.get("changedCases").asLong());
        // the labeling cost moves too: cases whose verdict and codes stayed but whose figures changed
        assertTrue(report.get("numbersOnly").asLong() > 0);
    }

    @Test
    void written_representatives_read_back_pass_on_the_new_rules_and_fail_on_the_old() throws IOException {
        // Then every scenario written reads back without a format error, one per group
        List<InputError> errors = new ArrayList<>();
        List<Scenario> scenarios = new ScenarioReader(TestRules.compiled().assumptions().costKeys()).readAll(written, errors);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(json(first.out()).get("groups").size(), scenarios.size());
        // and passes on the changed rules, and fails on the rules it changed from (it pins the change)
        AdviseCommandTest.Run onNew = AdviseCommandTest.run("test", "--rules", raised.toString(), written.toString());
        assertEquals(ExitCodes.OK, onNew.code(), onNew.out());
        AdviseCommandTest.Run onOld = AdviseCommandTest.run("test", "--rules", "rules", written.toString());
        assertTrue(onOld.out().contains("0 passed, " + scenarios.size() + " failed"), onOld.out());
    }

    @Test
    void two_runs_give_the_same_json_but_for_the_timing() {
        ObjectNode a = (ObjectNode) json(first.out());
        ObjectNode b = (ObjectNode) json(second.out());
        assertTrue(a.has("timing") && b.has("timing"));
        a.remove("timing");
        b.remove("timing");
        assertEquals(a, b);
    }

    @Test
    void identical_rules_change_nothing_and_exit_0() {
        List<String> args = new ArrayList<>(List.of("diff", "--space", "--base-rules", "rules", "--rules", "rules", "--format", "json", "--exit-code"));
        args.addAll(List.of(SMALL));
        AdviseCommandTest.Run r = AdviseCommandTest.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode report = json(r.out());
        assertFalse(report.get("changed").asBoolean());
        assertEquals(0, report.get("groups").size());
        assertEquals(0, report.get("numbersOnly").asLong());
        assertTrue(report.get("space").get("cases").asLong() > 0);
    }

    @Test
    void space_with_fact_files_is_a_usage_error_on_one_line() {
        AdviseCommandTest.Run r = AdviseCommandTest.run("diff", "--space", "--base-rules", "rules", "facts");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void a_strength_out_of_range_is_a_usage_error_on_one_line() {
        AdviseCommandTest.Run r = AdviseCommandTest.run("diff", "--space", "--base-rules", "rules", "--strength", "9");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("9"), r.err());
    }

    @Test
    void the_portfolio_diff_still_needs_fact_files_and_space_options_need_space() {
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("diff", "--base-rules", "rules").code());
        assertEquals(ExitCodes.USAGE, AdviseCommandTest.run("diff", "--base-rules", "rules", "--write", tmp.resolve("x").toString(), "facts").code());
    }
}
