package dev.finetuneadvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A program that embeds the advisor keeps its own logging: the build declares no SLF4J binding that a
 * dependent project would inherit. (The shaded command-line jar carries slf4j-simple; Drools itself brings
 * only slf4j-api, as {@code mvn dependency:tree -Dscope=runtime} shows.)
 */
class NoLoggingBindingTest {
    /** Artifacts that bind SLF4J to a logging back end. */
    private static final Set<String> BINDINGS = Set.of("slf4j-simple", "slf4j-nop", "slf4j-jdk14", "slf4j-reload4j", "slf4j-log4j12",
            "logback-classic", "log4j-slf4j-impl", "log4j-slf4j2-impl");

    @Test
    void every_logging_binding_the_build_declares_is_optional_or_for_tests_only() throws Exception {
        // Given the project's declared dependencies (not the managed versions)
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element dependencies = child(pom.getDocumentElement(), "dependencies");
        // When the bindings among them are looked at
        List<String> inherited = new ArrayList<>();
        int bindings = 0;
        NodeList list = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            if (!BINDINGS.contains(text(d, "artifactId"))) {
                continue;
            }
            bindings++;
            if (!"true".equals(text(d, "optional")) && !"test".equals(text(d, "scope"))) {
                inherited.add(text(d, "artifactId"));
            }
        }
        // Then the command line has its binding, and none would reach a program that depends on the advisor
        assertFalse(bindings == 0, "the command line needs a binding (slf4j-simple) for --verbose");
        assertEquals(List.of(), inherited, "bindings a dependent project would inherit");
    }

    @Test
    void no_library_on_the_class_path_but_slf4j_simple_binds_slf4j() throws Exception {
        // Given every SLF4J binding the resolved class path offers (the dependency tree as built: direct and
        // transitive, test scope included)
        List<String> others = new ArrayList<>();
        int simple = 0;
        var found = getClass().getClassLoader().getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        while (found.hasMoreElements()) {
            String where = found.nextElement().toString();
            // When the command line's own binding is set aside
            if (where.contains("/slf4j-simple-")) {
                simple++;
            } else {
                others.add(where);
            }
        }
        // Then nothing else would bind SLF4J in a program that embeds the advisor
        assertEquals(1, simple, "the command line's binding is slf4j-simple");
        assertEquals(List.of(), others, "bindings a dependency brings");
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("pom.xml has no <" + name + "> under <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }
}
