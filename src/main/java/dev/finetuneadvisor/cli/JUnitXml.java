package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.ScenarioOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes scenario outcomes as a JUnit XML report, the form CI systems read. */
final class JUnitXml {
    private JUnitXml() {
    }

    static void write(Path file, String suite, List<ScenarioOutcome> outcomes) throws IOException {
        long failed = outcomes.stream().filter(o -> !o.passed() && !o.evaluationFailed()).count();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suite);
            x.writeAttribute("tests", Integer.toString(outcomes.size()));
            x.writeAttribute("failures", Long.toString(failed));
            x.writeAttribute("errors", Long.toString(outcomes.stream().filter(ScenarioOutcome::evaluationFailed).count()));
            x.writeAttribute("skipped", "0");
            x.writeCharacters("\n");
            for (ScenarioOutcome o : outcomes) {
                x.writeCharacters("  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", suite);
                x.writeAttribute("name", o.file());
                if (!o.passed()) {
                    x.writeCharacters("\n    ");
                    // the rules failing on a scenario is an error in JUnit's terms; an unmet expectation a failure
                    x.writeStartElement(o.evaluationFailed() ? "error" : "failure");
                    x.writeAttribute("message", o.failures().get(0));
                    x.writeCharacters(String.join("\n", o.failures()));
                    x.writeEndElement();
                    x.writeCharacters("\n  ");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
