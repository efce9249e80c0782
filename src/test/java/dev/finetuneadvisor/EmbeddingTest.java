package dev.finetuneadvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advisor where it is embedded or copied, each in a fresh JVM: the library with no environment and an
 * empty home directory, and a jar copied into an empty directory with no rules beside it.
 */
class EmbeddingTest {
    private static final Path FACT = Path.of("facts/kyc-document-field-extraction-400-examples.yaml").toAbsolutePath();

    @Test
    void the_library_with_no_environment_writes_nothing_but_the_cache_it_was_given(@TempDir Path tmp) throws Exception {
        // Given an empty home, an empty working directory, an empty temporary directory and no environment at all
        Path home = Files.createDirectory(tmp.resolve("home"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        Path javaTmp = Files.createDirectory(tmp.resolve("java-tmp"));
        // and a cache directory of the program's choosing, holding the rules this test run compiled already
        // (a compile in a fresh JVM would take seconds; that a compile is stored in the cache is KieBaseCacheTest's)
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        seed(cache);
        List<Path> cached = LibraryApiTest.listAll(cache);
        // When a program builds an Advisor on rules/ with that cache and advises one fact file
        Process p = java(work, List.of("-Duser.home=" + home, "-Djava.io.tmpdir=" + javaTmp),
                classPath(List.of()), EmbeddedMain.class.getName(), Path.of("rules").toAbsolutePath().toString(), cache.toString(), FACT.toString());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        // Then it answers, the compiled rules are in the cache, and nothing else was written anywhere it could see
        assertEquals(0, p.waitFor(), err);
        assertEquals("GET_DATA_FIRST", out, err);
        assertFalse(cached.isEmpty(), "the cache was seeded");
        assertEquals(cached, LibraryApiTest.listAll(cache), "the rules were read from the cache given");
        assertEquals(List.of(), LibraryApiTest.listAll(home), "nothing in the home directory");
        assertEquals(List.of(), LibraryApiTest.listAll(work), "nothing in the working directory");
        assertEquals(List.of(), LibraryApiTest.listAll(javaTmp), "nothing in the temporary directory");
    }

    @Test
    void a_jar_copied_into_an_empty_directory_advises_with_the_rules_it_carries(@TempDir Path tmp) throws Exception {
        // Given the application packed as a jar (classes and the rules bundled in the build) in an empty
        // directory with no rules/ beside it, its libraries elsewhere
        Path app = Files.createDirectory(tmp.resolve("app"));
        Path jar = app.resolve("advisor.jar");
        pack(Path.of("target/classes"), jar);
        // When the command line in it advises a fact file, from that directory, with no --rules
        // (the text report: it reads every file of the rules directory, reports.yaml too)
        Process p = java(app, List.of(), classPath(List.of(jar)), "dev.finetuneadvisor.cli.AdvisorCommand",
                "advise", FACT.toString());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        // Then it evaluates with the bundled rules: the verdict the project's rules give
        assertEquals(0, p.waitFor(), err);
        assertTrue(out.lines().anyMatch(l -> l.equals("Verdict: GET_DATA_FIRST")), out + err);
        assertEquals(List.of(jar), LibraryApiTest.listAll(app), "the jar reads its rules in place, writing nothing beside itself");
    }

    /** What an embedding program does: build an Advisor on a rules directory with a cache it chose, advise one file. */
    static final class EmbeddedMain {
        public static void main(String[] args) throws Exception {
            Advisor advisor = Advisor.builder().rules(Path.of(args[0])).cache(Path.of(args[1])).build();
            var useCase = advisor.read(List.of(Path.of(args[2]))).useCases().get(0).useCase();
            System.out.print(advisor.advise(useCase).verdict());
        }
    }

    /** Copies the entries of the test run's compiled-rules cache (TestRules compiled rules/ into it) into {@code cache}. */
    private static void seed(Path cache) throws IOException {
        TestRules.compiled();
        Path shared = TestRules.cacheDirectory();
        if (shared == null) {
            return;
        }
        for (Path entry : LibraryApiTest.listAll(shared)) {
            if (Files.isRegularFile(entry)) {
                Files.copy(entry, cache.resolve(shared.relativize(entry).toString()));
            }
        }
    }

    private static Process java(Path dir, List<String> options, String classPath, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:-UsePerfData");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(options);
        command.add("-cp");
        command.add(classPath);
        command.add(main);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        String cache = System.getenv("FINETUNE_ADVISOR_CACHE");
        pb.environment().clear();
        if (options.isEmpty() && cache != null) {
            // the command line's cache: the test run's own, so the copied jar reads the rules compiled already
            pb.environment().put("FINETUNE_ADVISOR_CACHE", cache);
        }
        return pb.start();
    }

    /**
     * The test run's class path, resolved to its entries (the build may pass it in a manifest-only jar), with
     * {@code first} in front; without {@code first}, as it is. With a {@code first}, the project's own classes
     * are left out: {@code first} carries them.
     */
    private static String classPath(List<Path> first) throws IOException {
        List<String> entries = new ArrayList<>();
        first.forEach(p -> entries.add(p.toString()));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            for (String entry : expand(e)) {
                Path path = Path.of(entry).toAbsolutePath().normalize();
                if (!first.isEmpty() && path.equals(Path.of("target/classes").toAbsolutePath())) {
                    continue;
                }
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> expand(String entry) throws IOException {
        if (!entry.endsWith(".jar") || !Path.of(entry).getFileName().toString().startsWith("surefirebooter")) {
            return List.of(entry);
        }
        try (JarFile jar = new JarFile(entry)) {
            String cp = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            List<String> out = new ArrayList<>();
            for (String url : cp.split(" ")) {
                if (!url.isBlank()) {
                    out.add(Path.of(URI.create(url)).toString());
                }
            }
            return out;
        }
    }

    private static void pack(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
    }
}
