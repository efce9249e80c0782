package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revisions a result carries: content hashes anyone can recompute, and the advisor's version from the build. */
class RevisionHashesTest {
    private static final Set<String> ASSUMPTIONS = Set.of(AssumptionsFile.NAME);

    /** A tiny rules directory: a DRL in a folder, a YAML file beside it, the assumptions, and a file that is not a rule. */
    private static Path tiny(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("gates"));
        Files.writeString(dir.resolve("gates/a.drl"), "package gates;\n");
        Files.writeString(dir.resolve("fields.yaml"), "fields: []\n");
        Files.writeString(dir.resolve("assumptions.yaml"), "thresholds: {}\ncosts: {}\n");
        Files.writeString(dir.resolve("README.md"), "not a rule\n");
        return dir;
    }

    @Test
    void the_revisions_are_the_ones_sha256sum_gives_by_the_documented_commands(@TempDir Path tmp) throws Exception {
        // Given the tiny directory, hashed beforehand with the commands of docs/json-output.md
        Path rules = tiny(tmp.resolve("rules"));
        // When its revisions are computed
        // Then they are those values, twelve hex digits each
        assertEquals("b2f604873302", RevisionHashes.rules(rules, ASSUMPTIONS));
        assertEquals("98eaf9a02c4a", RevisionHashes.assumptions(List.of(rules.resolve("assumptions.yaml"))));
    }

    @Test
    void a_rule_edit_changes_the_rules_revision_and_an_assumptions_edit_only_the_assumptions_one(@TempDir Path tmp) throws Exception {
        // Given the tiny directory and its revisions
        Path rules = tiny(tmp.resolve("rules"));
        Path assumptions = rules.resolve("assumptions.yaml");
        String rulesBefore = RevisionHashes.rules(rules, ASSUMPTIONS);
        String assumptionsBefore = RevisionHashes.assumptions(List.of(assumptions));
        // When a file that is not a rule changes, then the assumptions, then a YAML file of the rules, then a DRL
        Files.writeString(rules.resolve("README.md"), "still not a rule\n");
        String afterReadme = RevisionHashes.rules(rules, ASSUMPTIONS);
        Files.writeString(assumptions, "# a comment\n", StandardOpenOption.APPEND);
        String rulesAfterAssumptions = RevisionHashes.rules(rules, ASSUMPTIONS);
        String assumptionsAfter = RevisionHashes.assumptions(List.of(assumptions));
        Files.writeString(rules.resolve("fields.yaml"), "fields: [ ]\n");
        String afterYaml = RevisionHashes.rules(rules, ASSUMPTIONS);
        Files.writeString(rules.resolve("gates/a.drl"), "package gates; // edited\n");
        String afterDrl = RevisionHashes.rules(rules, ASSUMPTIONS);
        // Then only the rule files and the assumptions count, each in its own revision
        assertEquals(rulesBefore, afterReadme);
        assertEquals(rulesBefore, rulesAfterAssumptions);
        assertNotEquals(assumptionsBefore, assumptionsAfter);
        assertNotEquals(rulesBefore, afterYaml);
        assertNotEquals(afterYaml, afterDrl);
    }

    @Test
    void the_same_files_elsewhere_have_the_same_revisions_and_the_order_of_assumption_files_counts(@TempDir Path tmp) throws Exception {
        // Given two copies of the same rules in different places, and a second assumptions file
        Path one = tiny(tmp.resolve("one"));
        Path two = tiny(tmp.resolve("elsewhere/two"));
        Path overlay = Files.writeString(tmp.resolve("overlay.yaml"), "costs: {}\n");
        // Then the place does not count (unlike the compiled-rules cache key), and an assumption file applied later differs
        assertEquals(RevisionHashes.rules(one, ASSUMPTIONS), RevisionHashes.rules(two, ASSUMPTIONS));
        Path base = one.resolve("assumptions.yaml");
        assertNotEquals(RevisionHashes.assumptions(List.of(base)), RevisionHashes.assumptions(List.of(base, overlay)));
        assertNotEquals(RevisionHashes.assumptions(List.of(base, overlay)), RevisionHashes.assumptions(List.of(overlay, base)));
    }

    @Test
    void the_advisor_version_is_the_projects_version_also_when_run_from_classes() throws Exception {
        // Given the project's version as pom.xml states it (the first <version> after the artifactId)
        Matcher m = Pattern.compile("<artifactId>advisor</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml names no project version");
        // Then the tests, run from target/classes, see it
        assertEquals(m.group(1), RevisionHashes.advisorVersion());
    }
}
