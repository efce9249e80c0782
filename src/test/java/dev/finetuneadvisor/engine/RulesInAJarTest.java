package dev.finetuneadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.finetuneadvisor.TestRules;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of a rules directory reads where a jar keeps it (the bundled rules: a folder of the jar's own
 * file system, where {@code Path.toFile()} does not work), the same as on disk: what a copied jar needs for
 * every command and format.
 */
class RulesInAJarTest {
    @Test
    void every_rules_file_reads_from_inside_a_jar(@TempDir Path tmp) throws IOException {
        // Given rules/ packed into a jar and opened as the jar's file system
        Path jar = tmp.resolve("rules.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file);
             Stream<Path> walk = Files.walk(TestRules.RULES)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry("finetune-advisor-rules/" + TestRules.RULES.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Path rules = fs.getPath("/finetune-advisor-rules");
            // When each file of it is read, the DRL files found and indexed, and the phases checked
            List<RuleProblem> problems = new ArrayList<>();
            assertNotNull(AssumptionsFile.read(rules.resolve(AssumptionsFile.NAME), AssumptionsFile.NAME, problems));
            assertNotNull(FieldsFile.read(rules.resolve(FieldsFile.NAME), FieldsFile.NAME, problems));
            assertNotNull(ReportsFile.read(rules.resolve(ReportsFile.NAME), ReportsFile.NAME, problems));
            assertNotNull(ArticleFile.read(rules.resolve(ArticleFile.NAME), ArticleFile.NAME, problems));
            problems.addAll(PhaseLint.lint(rules));
            RuleIndex index = RuleIndex.scan(rules);
            // Then they read as they do on disk
            assertEquals(List.of(), problems);
            assertEquals(RuleIndex.scan(TestRules.RULES).rules().size(), index.rules().size());
            assertEquals(RuleSources.read(TestRules.RULES).files().size(), RuleSources.read(rules).files().size());
        }
    }
}
