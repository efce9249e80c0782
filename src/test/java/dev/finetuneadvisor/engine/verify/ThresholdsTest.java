package dev.finetuneadvisor.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finetuneadvisor.TestRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The numbers the rules' conditions compare each field with, read by the DRL parser, not listed by hand. */
class ThresholdsTest {
    private static List<Double> values(Thresholds t, String path) {
        return t.of(path).stream().map(Thresholds.Threshold::value).toList();
    }

    @Test
    void assumptions_literals_bindings_evals_pairs_and_derived_facts_are_read_and_consequences_are_not() {
        // Given rules comparing fields in every way a condition can
        String drl = """
                package p;
                import dev.finetuneadvisor.model.*;
                rule "a" @id("a") when
                    $a : Assumptions()
                    Data( labeledExamples < $a.num("minLabeledExamples"), 0.3 <= noiseRate )
                then end
                rule "b" @id("b") when
                    Data( $n : labeledExamples, $n >= 3000 )
                    Evals( $g : goldenExamples )
                    eval( $g != null && $g > 250 )
                then
                    double x = $n * 77777;
                end
                rule "c" @id("c") when
                    Latency( frontierP95Ms > p95BudgetMs, p95BudgetMs < 150 )
                    Traffic( callsPerMonth >= 42 )
                then end
                """;
        // When read
        Thresholds t = Thresholds.read(Map.of("p.drl", drl), TestRules.compiled().assumptions());
        // Then each field has the numbers its conditions compare it with
        assertEquals(List.of(1000.0, 3000.0), values(t, "data.labeledExamples"));
        assertEquals(List.of(0.3), values(t, "data.noiseRate"));
        assertEquals(List.of(250.0), values(t, "evals.goldenExamples"));
        assertEquals(List.of(150.0), values(t, "latency.p95BudgetMs"));
        assertEquals(List.of(150.0), values(t, "latency.frontierP95Ms"), "the other side of a comparison gets its numbers");
        assertEquals(List.of(42.0), values(t, "volume.callsPerMonth"), "a derived fact's property named like one field");
        assertEquals("minLabeledExamples", t.of("data.labeledExamples").get(0).source());
        assertEquals("b", t.of("data.labeledExamples").get(1).source());
    }

    @Test
    void the_shipped_rules_give_the_thresholds_of_the_article() {
        Thresholds t = Thresholds.read(TestRules.compiled().sources(), TestRules.compiled().assumptions());
        assertEquals(List.of(1000.0, 10000.0), values(t, "data.labeledExamples"));
        assertEquals(List.of(100000.0, 5000000.0, 15000000.0), values(t, "volume.callsPerMonth"));
        assertEquals(List.of(200.0), values(t, "latency.p95BudgetMs"));
    }
}
