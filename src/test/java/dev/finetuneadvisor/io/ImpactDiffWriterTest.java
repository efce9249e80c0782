package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finetuneadvisor.model.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pull-request comment of a portfolio diff: heading, summary, one table row per changed use case, folded rules. */
class ImpactDiffWriterTest {
    private static Map<String, Status> gates(Status data) {
        Map<String, Status> gates = new LinkedHashMap<>();
        gates.put("prompt-first", Status.PASS);
        gates.put("enough-good-data", data);
        return gates;
    }

    private static String markdown(ImpactDiffWriter.Diff d) {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        ImpactDiffWriter.markdown(d, w);
        w.flush();
        return out.toString();
    }

    @Test
    void a_verdict_change_and_a_failing_use_case_are_rows_with_their_gates_codes_and_rules() {
        // Given a diff against a git revision where one use case flips and the new rules fail on another
        ImpactDiffWriter.Change flips = new ImpactDiffWriter.Change("kyc", "facts/kyc.yaml",
                new ImpactDiffWriter.Side("GET_DATA_FIRST", gates(Status.FAIL), List.of("LABELING_BUDGET", "GET_DATA_FIRST"), null),
                new ImpactDiffWriter.Side("FINE_TUNE", gates(Status.PASS), List.of("METHOD_LORA", "FINE_TUNE"), null),
                List.of("verdict-fine-tune", "gate6-passes"), List.of("gate6-too-few-examples"));
        ImpactDiffWriter.Change fails = new ImpactDiffWriter.Change("a|<b>", "facts/ab.yaml",
                new ImpactDiffWriter.Side("USE_RAG", gates(Status.PASS), List.of("USE_RAG"), null),
                new ImpactDiffWriter.Side(null, Map.of(), List.of(), "no verdict"), List.of(), List.of());
        ImpactDiffWriter.Diff diff = new ImpactDiffWriter.Diff(new ImpactDiffWriter.Base("main", true), 14, List.of(flips, fails),
                List.of("facts/bad.yaml:3:5: unknown field 'volum'"));
        // When written as Markdown
        String md = markdown(diff);
        // Then
        assertEquals("""
                ### Rule change across the portfolio

                **2 of 14 use cases change decision**, against the rules at `main`.

                Verdicts: GET_DATA_FIRST → FINE_TUNE 1.

                | use case | file | verdict | gates | codes |
                |---|---|---|---|---|
                | kyc | `facts/kyc.yaml` | GET_DATA_FIRST → FINE_TUNE | enough-good-data: FAIL → PASS | + FINE_TUNE<br>+ METHOD_LORA<br>− GET_DATA_FIRST<br>− LABELING_BUDGET |
                | a\\|&lt;b&gt; | `facts/ab.yaml` | USE_RAG → failed: no verdict | prompt-first: PASS → (none)<br>enough-good-data: PASS → (none) | − USE_RAG |

                <details><summary>Rules that fire on one side only</summary>

                **kyc**

                - now firing: `gate6-passes`, `verdict-fine-tune`
                - no longer firing: `gate6-too-few-examples`

                </details>

                **1 input was rejected** and not compared:

                - `facts/bad.yaml:3:5: unknown field 'volum'`
                """, md);
    }

    @Test
    void no_change_is_one_summary_line_naming_the_base_directory() {
        String md = markdown(new ImpactDiffWriter.Diff(new ImpactDiffWriter.Base("old-rules", false), 1, List.of(), List.of()));
        assertEquals("""
                ### Rule change across the portfolio

                No decision changed on 1 use case, against the rules in `old-rules`.
                """, md);
    }
}
