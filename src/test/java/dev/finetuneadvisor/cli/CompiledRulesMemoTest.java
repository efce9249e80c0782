package dev.finetuneadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finetuneadvisor.TestRules;
import dev.finetuneadvisor.engine.RuleIndex;
import dev.finetuneadvisor.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Rules read once in a process are reused by the next run of a command on the same, unchanged rules. */
// the memo is one per process: another class compiling rules between two runs here could push the entry out
@Isolated
class CompiledRulesMemoTest {
    private static final String REUSED = "as read earlier in this process";

    @Test
    void unchanged_rules_are_reused_and_any_edit_below_the_rules_directory_reads_them_again(@TempDir Path tmp) throws Exception {
        // Given a copy of the rules, advised on once
        Path rules = Files.createDirectory(tmp.resolve("rules"));
        RuleIndex.copy(TestRules.RULES, rules);
        String[] args = {"advise", "--verbose", "--format", "jsonl", "--rules", rules.toString(), "facts/content-moderation-500k.yaml"};
        AdviseCommandTest.Run first = AdviseCommandTest.run(args);
        assertEquals(ExitCodes.OK, first.code(), first.err());
        assertFalse(first.err().contains(REUSED), first.err());
        // When the same command runs again, then after an edit to a YAML file beside the rules
        AdviseCommandTest.Run again = AdviseCommandTest.run(args);
        Files.writeString(rules.resolve("assumptions.yaml"), "\n# edited\n", StandardOpenOption.APPEND);
        AdviseCommandTest.Run edited = AdviseCommandTest.run(args);
        // Then the second run reuses the rules with the same result, and the edit makes the third read them again
        assertTrue(again.err().contains(REUSED), again.err());
        assertEquals(first.out(), again.out());
        assertFalse(edited.err().contains(REUSED), edited.err());
        // with the same decision, under a new assumptions revision (the file's bytes changed)
        JsonNode before = Json.mapper().readTree(first.out());
        JsonNode after = Json.mapper().readTree(edited.out());
        assertNotEquals(before.get("assumptionsRevision"), after.get("assumptionsRevision"));
        assertEquals(before.get("rulesRevision"), after.get("rulesRevision"));
        assertEquals(withoutRevisions(before), withoutRevisions(after));
    }

    private static JsonNode withoutRevisions(JsonNode result) {
        return ((ObjectNode) result.deepCopy()).without(List.of("assumptionsRevision", "rulesRevision"));
    }
}
