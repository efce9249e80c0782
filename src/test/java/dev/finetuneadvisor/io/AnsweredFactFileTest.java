package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.UseCase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answers of advisor init written as a commented fact file: each as the reader should judge it, the file's shape kept. */
class AnsweredFactFileTest {
    private static Question question(String field, FieldType type) {
        return new Question(field, new FieldSpec(field, type, null, 0.0, null, null, null, List.of(), FieldKind.LEVER, 1),
                "Asked about " + field + "?", null, null, 1);
    }

    @Test
    void an_answer_is_written_as_given_unless_it_would_change_the_files_shape() {
        // Given a count, a flag and a text question
        Question count = question("data.labeledExamples", FieldType.COUNT);
        Question flag = question("data.humanReviewed", FieldType.FLAG);
        Question text = question("title", FieldType.TEXT);
        // When answers are written / Then numbers stay as typed for the reader to judge, yes and no become true and
        // false, and what YAML would read as a mapping, a comment or another type is quoted
        assertEquals("3,000", AnsweredFactFile.scalar(count, " 3,000 "));
        assertEquals("\"a: 3\"", AnsweredFactFile.scalar(count, "a: 3"));
        assertEquals("\"[1, 2]\"", AnsweredFactFile.scalar(count, "[1, 2]"));
        assertEquals("\"7 # seven\"", AnsweredFactFile.scalar(count, "7 # seven"));
        assertEquals("true", AnsweredFactFile.scalar(flag, "Yes"));
        assertEquals("false", AnsweredFactFile.scalar(flag, "n"));
        assertEquals("Route support tickets", AnsweredFactFile.scalar(text, "Route support tickets"));
        assertEquals("\"no\"", AnsweredFactFile.scalar(text, "no"));
        assertEquals("\"2026 plan\"", AnsweredFactFile.scalar(text, "2026 plan"));
        assertEquals("\"say \\\"hi\\\"\\u0007\"", AnsweredFactFile.scalar(text, "say \"hi\"\u0007"));
    }

    @Test
    void a_question_not_answered_is_a_commented_out_field_under_its_question_and_the_file_reads() throws Exception {
        // Given the id and two data questions, one answered
        List<Question> questions = List.of(question("id", FieldType.TEXT), question("data.labeledExamples", FieldType.COUNT),
                question("data.noiseRate", FieldType.SHARE), question("volume.callsPerDay", FieldType.VOLUME));
        // When the file is written
        String yaml = AnsweredFactFile.render(List.of("A header"), questions, Map.of("id", "case", "data.labeledExamples", "400"));
        // Then each field is under its question, the unanswered ones (and a section with none) commented out
        assertTrue(yaml.startsWith("# A header\n"), yaml);
        assertTrue(yaml.contains("\ndata:\n  # Asked about data.labeledExamples?\n  labeledExamples: 400\n"
                + "  # Asked about data.noiseRate?\n  # noiseRate:\n"), yaml);
        assertTrue(yaml.contains("\n# volume:\n  # Asked about volume.callsPerDay?\n  # callsPerDay:\n"), yaml);
        UseCase read = FactFormat.yaml().readValue(yaml, UseCase.class);
        assertEquals("case", read.getId());
        assertEquals(400, read.getData().getLabeledExamples());
        assertEquals(null, read.getData().getNoiseRate());
    }
}
