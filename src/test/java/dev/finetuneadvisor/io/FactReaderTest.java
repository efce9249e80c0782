package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.model.CostKeys;
import dev.finetuneadvisor.model.InputError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear, located error, and nothing else in the run is lost. */
class FactReaderTest {
    private static final CostKeys COSTS = new CostKeys(new TreeSet<>(Set.of("engineerUsdPerWeek", "hostingUsdPerMonth")),
            new TreeMap<>(Map.of("tokensPerCall", "volume.tokensPerCall")));
    private static final String GOOD = "id: good\ntask: { need: behavior }\n";

    @TempDir
    Path dir;

    private FactReader.Batch read(String name, String content) throws IOException {
        Files.writeString(dir.resolve("good.yaml"), GOOD);
        Files.writeString(dir.resolve(name), content);
        return new FactReader(COSTS).readAll(List.of(dir));
    }

    private static InputError only(FactReader.Batch batch) {
        assertEquals(1, batch.errors().size(), () -> "errors: " + batch.errors());
        assertTrue(batch.useCases().stream().anyMatch(c -> c.useCase().getId().equals("good")), "the good file was lost");
        return batch.errors().get(0);
    }

    @Test
    void a_volume_beyond_what_the_cost_model_can_multiply_is_refused_with_its_range() throws IOException {
        // callsPerDay * 365 would overflow (and turn the frontier cost negative) long before Long.MAX_VALUE
        InputError e = only(read("big.yaml", "id: big\nvolume:\n  callsPerDay: 30000000000000000\n"));
        assertEquals("volume.callsPerDay", e.field());
        assertEquals(3, e.line());
        assertTrue(e.message().contains("from 0 to 100,000,000,000"), e.message());
        InputError t = only(read("big.yaml", "id: big\nvolume:\n  callsPerDay: 10\n  tokensPerCall: 2147483647\n"));
        assertEquals("volume.tokensPerCall", t.field());
        // the largest allowed values are taken
        Files.delete(dir.resolve("big.yaml"));
        FactReader.Batch max = read("max.yaml", "id: max\nvolume:\n  callsPerMonth: 3000000000000\n  tokensPerCall: 10000000\n");
        assertEquals(List.of(), max.errors());
        assertEquals(3_000_000_000_000L, max.useCases().stream().filter(c -> c.useCase().getId().equals("max")).findFirst()
                .orElseThrow().useCase().getVolume().getCallsPerMonth());
    }

    @Test
    void an_unknown_field_names_the_closest_known_one() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\ndata:\n  labeledExample: 400\n"));
        assertEquals("data.labeledExample", e.field());
        assertEquals(3, e.line());
        assertTrue(e.message().contains("did you mean 'labeledExamples'"), e.message());
    }

    @Test
    void an_unknown_enum_value_lists_the_allowed_ones() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\ntask:\n  need: knowlege\n"));
        assertEquals("task.need", e.field());
        assertEquals(3, e.line());
        assertTrue(e.message().contains("knowledge, behavior, both"), e.message());
        assertTrue(e.message().contains("did you mean 'knowledge'"), e.message());
    }

    @Test
    void a_wrong_type_says_what_is_expected() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\ndata:\n  labeledExamples: lots\n"));
        assertEquals("data.labeledExamples", e.field());
        assertTrue(e.message().contains("whole number"), e.message());
    }

    @Test
    void a_quoted_number_is_not_silently_accepted() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\ndata:\n  labeledExamples: \"400\"\n"));
        assertEquals("data.labeledExamples", e.field());
    }

    @Test
    void out_of_range_values_are_rejected_with_the_range() throws IOException {
        InputError noise = only(read("bad.yaml", "id: bad\ndata:\n  noiseRate: 1.5\n"));
        assertEquals("data.noiseRate", noise.field());
        assertEquals(3, noise.line());
        assertTrue(noise.message().contains("0 to 1"), noise.message());
        InputError negative = only(read("bad.yaml", "id: bad\nvolume:\n  callsPerDay: -5\n"));
        assertEquals("volume.callsPerDay", negative.field());
    }

    @Test
    void calls_per_day_and_per_month_together_are_rejected() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\nvolume: { callsPerDay: 5, callsPerMonth: 150 }\n"));
        assertTrue(e.message().contains("not both"), e.message());
    }

    @Test
    void an_empty_file_is_an_error() throws IOException {
        InputError e = only(read("bad.yaml", ""));
        assertTrue(e.message().startsWith("empty file"), e.message());
    }

    @Test
    void a_syntax_error_is_located() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\ntask: { need: behavior\nprompt: [\n"));
        assertTrue(e.line() > 0, e.describe());
    }

    @Test
    void duplicate_keys_are_rejected() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\nid: again\n"));
        assertEquals(2, e.line(), e.describe());
    }

    @Test
    void a_yaml_alias_bomb_is_refused() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        InputError e = only(read("bad.yaml", bomb.toString()));
        assertTrue(e.message().toLowerCase().contains("alias"), e.message());
    }

    @Test
    void absurdly_deep_nesting_is_refused() throws IOException {
        InputError e = only(read("bad.json", "{\"title\": " + "[".repeat(500) + "]".repeat(500) + "}"));
        // refused where the nesting passes the limit, not at the end of the file
        assertEquals(1, e.line(), e.describe());
        assertTrue(e.column() > FactFormat.MAX_NESTING && e.column() < 40, e.describe());
    }

    @Test
    void an_unknown_cost_input_is_rejected_with_a_suggestion() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\ncosts:\n  engineerUsdPerWek: 5000\n"));
        assertEquals("costs.engineerUsdPerWek", e.field());
        assertTrue(e.message().contains("engineerUsdPerWeek"), e.message());
    }

    @Test
    void a_negative_cost_input_says_it_is_out_of_range() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\ncosts:\n  engineerUsdPerWeek: -5\n"));
        assertEquals("costs.engineerUsdPerWeek", e.field());
        assertTrue(e.message().contains("out of range"), e.message());
    }

    @Test
    void duplicate_ids_keep_the_first_and_reject_the_later() throws IOException {
        InputError e = only(read("zz.yaml", "id: good\n"));
        assertEquals("id", e.field());
        assertTrue(e.message().contains("good.yaml"), e.message());
    }

    @Test
    void a_bad_use_case_in_a_portfolio_does_not_lose_its_neighbours() throws IOException {
        // Given a portfolio whose second use case has a typo
        FactReader.Batch batch = read("portfolio.yaml", """
                useCases:
                  - id: first
                    task: { need: behavior }
                  - id: second
                    task: { nede: behavior, narrow: true }
                    prompt: { engineered: true }
                  - id: third
                    task: { need: knowledge }
                """);
        // Then the error is located at the typo, and the first and third are read
        InputError e = only(batch);
        assertEquals(5, e.line());
        assertEquals("task.nede", e.field());
        assertEquals(List.of("first", "good", "third"),
                batch.useCases().stream().map(c -> c.useCase().getId()).sorted().toList());
    }

    @Test
    void use_cases_without_an_id_take_the_file_name() throws IOException {
        FactReader.Batch batch = read("unnamed.yaml", "task: { need: behavior }\n");
        assertTrue(batch.useCases().stream().anyMatch(c -> c.useCase().getId().equals("unnamed")));
    }

    @Test
    void a_missing_path_is_an_error() {
        FactReader.Batch batch = new FactReader(COSTS).readAll(List.of(dir.resolve("nope.yaml")));
        assertEquals(1, batch.errors().size());
    }

    /** The errors of one file of a run, in the order they were reported. */
    private static List<InputError> errorsOf(FactReader.Batch batch, String file) {
        return batch.errors().stream().filter(e -> e.file().endsWith(file)).toList();
    }

    @Test
    void five_independent_mistakes_are_all_reported_in_one_pass_in_input_order() throws IOException {
        // Given a file with five field-level mistakes of five kinds
        FactReader.Batch batch = read("five.yaml", """
                id: five
                task:
                  need: knowlege
                data: { labeledExamples: 3,000, humanReviewed: true }
                evals:
                  goldenExamples: lots
                  baselineScore: 1.5
                costs:
                  tokensPerCall: 500
                """);
        // Then each is reported, located, in input order, and the good file beside it is still read
        List<InputError> errors = errorsOf(batch, "five.yaml");
        assertEquals(List.of("task.need", "data.labeledExamples", "evals.goldenExamples", "evals.baselineScore", "costs.tokensPerCall"),
                errors.stream().map(InputError::field).toList(), errors::toString);
        assertEquals(List.of(3, 4, 6, 7, 9), errors.stream().map(InputError::line).toList());
        assertEquals(List.of(9, 26, 19, 18, 3), errors.stream().map(InputError::column).toList());
        assertEquals(List.of("good"), batch.useCases().stream().map(c -> c.useCase().getId()).toList());
    }

    @Test
    void a_portfolio_reports_every_mistake_of_every_use_case_and_evaluates_the_good_ones() throws IOException {
        // Given a portfolio with two mistakes in its first use case and one in its third
        FactReader.Batch batch = read("portfolio.yaml", """
                useCases:
                  - id: first
                    task: { need: behaviour, narow: true }
                  - id: second
                    task: { need: behavior }
                  - id: third
                    data: { noiseRate: 8% }
                """);
        // Then all three are reported in order and the good use case is read
        List<InputError> errors = errorsOf(batch, "portfolio.yaml");
        assertEquals(List.of("task.need", "task.narow", "data.noiseRate"), errors.stream().map(InputError::field).toList());
        assertEquals(List.of(3, 3, 7), errors.stream().map(InputError::line).toList());
        assertEquals(List.of("good", "second"), batch.useCases().stream().map(c -> c.useCase().getId()).sorted().toList());
    }

    @Test
    void thousands_separators_say_the_number_to_write() throws IOException {
        // a flow mapping splits 3,000 into 3 and a key '000'; a block value is the text '3,000'
        InputError flow = only(read("bad.yaml", "id: bad\ndata: { labeledExamples: 3,000, humanReviewed: true }\n"));
        assertEquals("data.labeledExamples", flow.field());
        assertEquals(2, flow.line());
        assertTrue(flow.message().contains("write 3000"), flow.message());
        InputError block = only(read("bad.yaml", "id: bad\ndata:\n  labeledExamples: 3,000\n"));
        assertEquals("data.labeledExamples", block.field());
        assertTrue(block.message().contains("write 3000"), block.message());
    }

    @Test
    void a_number_with_a_huge_exponent_is_one_short_error_not_its_digits_written_out() throws IOException {
        // Given a whole-number field and a share given 1e9999999 (a few bytes; ten million digits written out), as
        // a number and as text
        for (String value : List.of("1e9999999", "\"1e9999999%\"", "\"1e999999k\"")) {
            // When it is read
            InputError e = only(read("bad.yaml", "id: bad\nvolume:\n  callsPerDay: " + value + "\n"));
            // Then it is one error at the field, a line long (not the number spelt out)
            assertEquals("volume.callsPerDay", e.field(), value);
            assertEquals(3, e.line(), value);
            assertTrue(e.message().length() < 200, value + ": " + e.message().length() + " characters");
        }
    }

    @Test
    void a_percentage_for_a_share_says_the_share_to_write() throws IOException {
        InputError percent = only(read("bad.yaml", "id: bad\ndata:\n  noiseRate: 8%\n"));
        assertEquals("data.noiseRate", percent.field());
        assertTrue(percent.message().contains("0.08") && percent.message().contains("0 to 1"), percent.message());
        InputError whole = only(read("bad.yaml", "id: bad\ndata:\n  noiseRate: 8\n"));
        assertTrue(whole.message().contains("0.08") && whole.message().contains("0 to 1"), whole.message());
    }

    @Test
    void booleans_and_quoted_numbers_say_what_to_write() throws IOException {
        InputError flag = only(read("bad.yaml", "id: bad\ndata:\n  humanReviewed: maybe\n"));
        assertEquals("data.humanReviewed", flag.field());
        assertTrue(flag.message().contains("true or false"), flag.message());
        InputError quoted = only(read("bad.yaml", "id: bad\ndata:\n  labeledExamples: \"400\"\n"));
        assertTrue(quoted.message().contains("write 400"), quoted.message());
        InputError decimal = only(read("bad.yaml", "id: bad\ndata:\n  labeledExamples: 2.5\n"));
        assertTrue(decimal.message().contains("whole number"), decimal.message());
    }

    @Test
    void a_message_is_one_sentence() throws IOException {
        // Given mistakes whose messages once ran two sentences together ("... is not allowed Allowed: ...")
        FactReader.Batch batch = read("bad.yaml", "id: bad\ntask: { need: knowlege, nede: behavior }\ncosts: { engineerUsdPerWek: 1 }\n");
        // Then each message is one sentence: no full stop or question mark followed by more text
        List<InputError> errors = errorsOf(batch, "bad.yaml");
        assertEquals(3, errors.size(), errors::toString);
        for (InputError e : errors) {
            assertTrue(!e.message().matches("(?s).*[.?!] [A-Z].*") && !e.message().matches("(?s).*[?!] .*"), e.message());
        }
    }

    @Test
    void tokens_per_call_under_costs_says_to_write_volume_tokens_per_call() throws IOException {
        InputError e = only(read("bad.yaml", "id: bad\ncosts:\n  tokensPerCall: 500\n"));
        assertEquals("costs.tokensPerCall", e.field());
        assertEquals(3, e.line());
        assertTrue(e.message().contains("volume") && e.message().contains("tokensPerCall: 500"), e.message());
    }

    @Test
    void a_syntax_error_still_stops_the_file_at_the_first_problem() throws IOException {
        // Given a field-level mistake before a syntax error
        InputError e = only(read("bad.yaml", "id: bad\ndata: { labeledExamples: lots }\ntask: { need: behavior\n"));
        // Then only the syntax error is reported
        assertTrue(e.field() == null && e.line() >= 3, e.describe());
    }

    @Test
    void a_portfolio_field_after_the_list_is_checked_too() throws IOException {
        // Given a misspelt portfolio field after the use cases
        FactReader.Batch batch = read("portfolio.yaml", "useCases:\n  - id: a\n    task: { need: behavior }\ntitel: Our portfolio\n");
        // Then it is an error, and the use case before it is read
        InputError e = only(batch);
        assertTrue(batch.useCases().stream().anyMatch(c -> c.useCase().getId().equals("a")));
        assertEquals("titel", e.field());
        assertEquals(4, e.line());
        assertTrue(e.message().contains("did you mean 'title'"), e.message());
    }
}
