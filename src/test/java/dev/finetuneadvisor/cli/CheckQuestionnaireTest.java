package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.QuestionnaireFile;
import dev.finetuneadvisor.engine.RuleIndex;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** advisor check and advisor init report a questionnaire problem at its file and line; advise does not read the file. */
class CheckQuestionnaireTest {

    @Test
    void an_unknown_field_in_the_questionnaire_is_reported_by_check_and_stops_init(@TempDir Path dir) throws Exception {
        // Given a copy of the rules whose questionnaire asks a misspelt field
        Path copy = dir.resolve("rules");
        RuleIndex.copy(TestRules.RULES, copy);
        Path file = copy.resolve(QuestionnaireFile.NAME);
        String text = Files.readString(file).replace("field: data.noiseRate", "field: data.noiseRatio");
        Files.writeString(file, text);
        int line = List.of(text.split("\n", -1)).indexOf("      - field: data.noiseRatio") + 1;
        String at = file.toString().replace('\\', '/') + ":" + line + ":";
        // When the rules are checked, init is started on them, and a fact file is advised with them
        AdviseCommandTest.Run check = AdviseCommandTest.run("check", "--rules", copy.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int init = AdvisorCommand.execute(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err),
                "init", "--rules", copy.toString(), dir.resolve("x.yaml").toString());
        AdviseCommandTest.Run advise = AdviseCommandTest.run("advise", "--rules", copy.toString(), "--format", "csv",
                "facts/kyc-document-field-extraction-400-examples.yaml");
        // Then check and init name the line and refuse the rules; advise, which never asks, runs
        assertEquals(ExitCodes.RULES_INVALID, check.code(), check.out());
        assertTrue(check.out().contains(at), check.out());
        assertEquals(ExitCodes.RULES_INVALID, init, err.toString());
        assertTrue(err.toString().contains(at), err.toString());
        assertEquals(ExitCodes.OK, advise.code(), advise.err());
        assertTrue(line > 0 && Files.notExists(dir.resolve("x.yaml")));
    }
}
