package dev.finetuneadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a SARIF result points: the file relative to the source root or absolute, the line, the column. */
class SarifWriterTest {
    private static final SarifWriter.Tool TOOL = new SarifWriter.Tool("t", "1", null);
    private static final List<SarifWriter.Rule> RULES = List.of(new SarifWriter.Rule("compile", "c", "c."), new SarifWriter.Rule("lint", "l", "l."));

    private static JsonNode location(SarifWriter.Finding f, Path root) throws Exception {
        String log = SarifWriter.write(TOOL, RULES, List.of(f), root);
        return Json.mapper().readTree(log).path("runs").get(0).path("results").get(0).path("locations").get(0).path("physicalLocation");
    }

    @Test
    void a_file_under_the_root_is_a_relative_uri_with_the_source_root_base() throws Exception {
        // Given a root and a finding in a file below it whose name holds a space
        Path root = Path.of("/repo");
        // When written
        JsonNode at = location(new SarifWriter.Finding("lint", SarifWriter.Level.warning, "/repo/rules/my gates/x.drl", 7, 3, "m"), root);
        // Then the uri is relative and percent-encoded, resolved against %SRCROOT%, at line 7 column 3
        assertEquals("rules/my%20gates/x.drl", at.path("artifactLocation").path("uri").asText());
        assertEquals(SarifWriter.SOURCE_ROOT, at.path("artifactLocation").path("uriBaseId").asText());
        assertEquals(7, at.path("region").path("startLine").asInt());
        assertEquals(3, at.path("region").path("startColumn").asInt());
    }

    @Test
    void a_file_outside_the_root_is_an_absolute_file_uri_without_a_base() throws Exception {
        JsonNode at = location(new SarifWriter.Finding("compile", SarifWriter.Level.error, "/elsewhere/x.drl", 2, 0, "m"), Path.of("/repo"));
        assertEquals("file:///elsewhere/x.drl", at.path("artifactLocation").path("uri").asText());
        assertFalse(at.path("artifactLocation").has("uriBaseId"));
        // a finding with no column has none
        assertFalse(at.path("region").has("startColumn"));
    }

    @Test
    void a_finding_about_a_whole_file_points_at_its_first_line_without_a_column() throws Exception {
        JsonNode at = location(new SarifWriter.Finding("lint", SarifWriter.Level.warning, "rules/assumptions.yaml", 0, 0, "m"), Path.of("/repo"));
        assertEquals(1, at.path("region").path("startLine").asInt());
        assertFalse(at.path("region").has("startColumn"));
    }

    @Test
    void the_same_findings_give_the_same_bytes() {
        List<SarifWriter.Finding> findings = List.of(new SarifWriter.Finding("lint", SarifWriter.Level.note, "a.drl", 1, 1, "m"),
                new SarifWriter.Finding("compile", SarifWriter.Level.error, "b.drl", 2, 5, "n"));
        assertEquals(SarifWriter.write(TOOL, RULES, findings, Path.of("/repo")), SarifWriter.write(TOOL, RULES, findings, Path.of("/repo")));
    }

    @Test
    void a_finding_of_a_rule_the_tool_does_not_list_is_refused() {
        SarifWriter.Finding f = new SarifWriter.Finding("nope", SarifWriter.Level.error, "a.drl", 1, 1, "m");
        assertThrows(IllegalArgumentException.class, () -> SarifWriter.write(TOOL, RULES, List.of(f), Path.of("/repo")));
    }
}
