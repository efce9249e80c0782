package dev.finetuneadvisor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes findings as a SARIF 2.1.0 log (one run), the format code-scanning services read to annotate the lines of a
 * repository's files: {@code advisor check --format sarif}.
 * <ul>
 *   <li>A finding's file is named relative to a source root (the working directory: a CI job runs from the
 *       repository's root) with {@code uriBaseId} {@value #SOURCE_ROOT}, as GitHub code scanning expects; a file
 *       outside it is named by its absolute {@code file:} URI, with no base (resolving it against the root would name
 *       another file).</li>
 *   <li>Its region is its line and column (1-based); a finding with no line (about a whole file) points at the
 *       file's first line, with no column, since GitHub takes no result without a {@code startLine}.</li>
 *   <li>Every rule the tool has is listed in {@code tool.driver.rules}, found or not, in the order given, and each
 *       result names its rule by {@code ruleId} and {@code ruleIndex}.</li>
 * </ul>
 * Same findings, same bytes: no time, no machine-specific path for a file under the root.
 */
public final class SarifWriter {
    /** The base a relative {@code uri} is resolved against: the repository's root, by convention of code-scanning services. */
    public static final String SOURCE_ROOT = "%SRCROOT%";
    /** The schema the log follows: OASIS SARIF 2.1.0 with its approved errata. */
    public static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private SarifWriter() {
    }

    /** SARIF's levels: an error fails the check, a warning is worth a look, a note informs. */
    public enum Level { error, warning, note }

    /**
     * The tool that found the problems.
     *
     * @param name its name ({@code tool.driver.name})
     * @param version its version, or null when unknown
     * @param informationUri where it is documented, or null
     */
    public record Tool(String name, String version, String informationUri) {
        public Tool {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A rule (a kind of check) of the tool.
     *
     * @param id its stable id, which results name
     * @param title what it holds in a few words ({@code shortDescription})
     * @param description what it holds in a sentence or two ({@code fullDescription} and {@code help})
     */
    public record Rule(String id, String title, String description) {
    }

    /**
     * One problem found.
     *
     * @param ruleId the id of the {@link Rule} that found it
     * @param file the file as the tool names it (relative to the working directory, or absolute)
     * @param line 1-based, 0 when unknown
     * @param column 1-based, 0 when unknown
     */
    public record Finding(String ruleId, Level level, String file, int line, int column, String message) {
    }

    /**
     * The SARIF log, pretty-printed JSON with "\n" line ends and no final line end.
     *
     * @param root the directory relative file URIs are relative to (the working directory)
     * @throws IllegalArgumentException when a finding names a rule not in {@code rules}
     */
    public static String write(Tool tool, List<Rule> rules, List<Finding> findings, Path root) {
        ObjectNode log = Json.mapper().createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", tool.name());
        if (tool.version() != null) {
            driver.put("version", tool.version());
        }
        if (tool.informationUri() != null) {
            driver.put("informationUri", tool.informationUri());
        }
        ArrayNode descriptors = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (Rule r : rules) {
            index.put(r.id(), index.size());
            ObjectNode d = descriptors.addObject();
            d.put("id", r.id());
            d.putObject("shortDescription").put("text", r.title());
            d.putObject("fullDescription").put("text", r.description());
            d.putObject("help").put("text", r.description());
        }
        // columns count UTF-16 code units, as Java's strings and the Drools parser do
        run.put("columnKind", "utf16CodeUnits");
        ArrayNode results = run.putArray("results");
        Path base = root.toAbsolutePath().normalize();
        for (Finding f : findings) {
            Integer at = index.get(f.ruleId());
            if (at == null) {
                throw new IllegalArgumentException("finding of an unknown rule '" + f.ruleId() + "'");
            }
            ObjectNode result = results.addObject();
            result.put("ruleId", f.ruleId());
            result.put("ruleIndex", at);
            result.put("level", f.level().name());
            result.putObject("message").put("text", f.message());
            if (f.file() == null || f.file().isEmpty()) {
                continue;
            }
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            String relative = relative(f.file(), base);
            if (relative != null) {
                artifact.put("uri", relative);
                artifact.put("uriBaseId", SOURCE_ROOT);
            } else {
                artifact.put("uri", absolute(f.file()));
            }
            ObjectNode region = physical.putObject("region");
            region.put("startLine", Math.max(f.line(), 1));
            if (f.line() > 0 && f.column() > 0) {
                region.put("startColumn", f.column());
            }
        }
        try {
            return Json.pretty().writeValueAsString(log);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a SARIF log of plain nodes cannot fail to write", e);
        }
    }

    /** The file as a relative URI reference under {@code base} ({@code rules/gates/x.drl}), or null when it is not under it. */
    static String relative(String file, Path base) {
        Path path;
        try {
            path = base.resolve(file.replace('\\', '/')).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        if (path.equals(base)) {
            return "./";
        }
        if (!path.startsWith(base)) {
            return null;
        }
        String rel = base.relativize(path).toString().replace('\\', '/');
        try {
            // percent-encodes what a URI may not hold (a space, say) and keeps the slashes
            return new URI(null, null, rel, null).toASCIIString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The file as an absolute {@code file:} URI. */
    private static String absolute(String file) {
        try {
            return Path.of(file).toAbsolutePath().normalize().toUri().toASCIIString();
        } catch (InvalidPathException e) {
            try {
                return new URI(null, null, file, null).toASCIIString();
            } catch (URISyntaxException x) {
                return file;
            }
        }
    }
}
