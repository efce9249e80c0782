package dev.finetuneadvisor.engine;

import dev.finetuneadvisor.model.EditDistance;
import dev.finetuneadvisor.model.UseCase;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.builder.Message;

/**
 * Turns the Drools compiler's messages into {@link RuleProblem}s at the file, line and column an author
 * edits. The one place allowed to read Drools message internals: their wording and the positions written
 * into it change between Drools versions, and only this class has to follow.
 * <ul>
 *   <li>A parser error carries {@code line L:C} in its text.</li>
 *   <li>An error in a pattern (MVEL) counts its column from the expression; the expression is found on its line.</li>
 *   <li>An error in a {@code then} block is reported on the rule's first line, naming the wrong word; the word
 *       is found in that rule's consequence, read with the DRL parser ({@link RuleIndex#inConsequence}).</li>
 *   <li>A fact property or method that does not exist gets the closest one the fact class has.</li>
 * </ul>
 */
final class DroolsMessages {
    private static final Pattern LINE_COLUMN = Pattern.compile("[Ll]ine (\\d+):(\\d+)");
    private static final Pattern MVEL_ERROR = Pattern.compile("\\[Error: ([^\\]]*)\\]");
    private static final Pattern MVEL_COLUMN = Pattern.compile("Column: (\\d+)");
    private static final Pattern EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):?$", Pattern.MULTILINE);
    /** A pattern naming a property its fact class does not have (MVEL strict mode). */
    private static final Pattern NO_PROPERTY = Pattern.compile("unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    /** How Drools starts an error the Java compiler found in a consequence. */
    private static final String CONSEQUENCE = "Rule Compilation error";
    /** The word a Java compiler error names, in the forms ECJ writes them. */
    private static final Pattern[] NAMED = {
        Pattern.compile("^The method (\\w+)\\(.*\\) is undefined for the type (\\w+)"),
        Pattern.compile("^The constructor (\\w+)\\("),
        Pattern.compile("^([\\w$]+) cannot be resolved"),
        Pattern.compile("^The field [\\w.]*\\.(\\w+) is not visible"),
        Pattern.compile("^The method (\\w+)\\("),
    };

    private DroolsMessages() {
    }

    /**
     * One compiler message as a problem.
     *
     * @param displayPaths how each KieFileSystem path is shown to users
     * @param sources each DRL's text, by its shown path
     */
    static RuleProblem toProblem(Message m, Map<String, String> displayPaths, Map<String, String> sources) {
        String path = m.getPath() == null ? "" : displayPaths.getOrDefault(m.getPath(), m.getPath());
        String text = m.getText() == null ? "" : m.getText().strip();
        int line = Math.max(m.getLine(), 0);
        int column = 0;
        String hint = "";
        Matcher lc = LINE_COLUMN.matcher(text);
        Matcher mc = MVEL_COLUMN.matcher(text);
        if (text.startsWith(CONSEQUENCE)) {
            String error = text.substring(CONSEQUENCE.length()).strip();
            Named named = named(error);
            RuleIndex.Position at = sources.get(path) == null || line == 0 ? null
                    : RuleIndex.inConsequence(sources.get(path), line, named == null ? null : named.word);
            if (at != null) {
                line = at.line();
                column = at.column();
            }
            hint = named == null ? "" : closestMethod(named);
        } else if (lc.find()) {
            if (line == 0) {
                line = Integer.parseInt(lc.group(1));
            }
            column = Integer.parseInt(lc.group(2));
        } else if (mc.find()) {
            column = expressionColumn(text, sources.get(path), line);
        }
        Matcher property = NO_PROPERTY.matcher(text);
        if (property.find()) {
            hint = closestProperty(property.group(1), property.group(2));
            column = wordColumn(sources.get(path), line, property.group(2), column);
        }
        // Drools' messages run over several lines (expression, caret, position); keep the first and the cause
        String first = text.lines().findFirst().orElse("").strip();
        if (first.startsWith(CONSEQUENCE)) {
            first = "in the then block: " + first.substring(CONSEQUENCE.length()).strip();
        }
        Matcher cause = MVEL_ERROR.matcher(text);
        String message = cause.find() ? first.replaceFirst(":$", "") + ": " + cause.group(1).strip() : first;
        RuleProblem.Severity severity = m.getLevel() == Message.Level.ERROR
                ? RuleProblem.Severity.ERROR : RuleProblem.Severity.WARNING;
        return new RuleProblem(severity, path, line, column, message + hint, RuleProblem.Kind.COMPILE);
    }

    /** The word a consequence error names, and the type it was looked up on when the error says. */
    private record Named(String word, String type) {
    }

    private static Named named(String error) {
        for (Pattern p : NAMED) {
            Matcher m = p.matcher(error);
            if (m.find()) {
                return new Named(m.group(1), m.groupCount() > 1 ? m.group(2) : null);
            }
        }
        return null;
    }

    /** "; did you mean m()?" for a method a type does not have, naming the closest public method it has. */
    private static String closestMethod(Named named) {
        Class<?> type = named.type == null ? null : load(UseCase.class.getPackageName() + "." + named.type);
        if (type == null && named.type != null) {
            type = load("java.lang." + named.type);
        }
        if (type == null) {
            return "";
        }
        TreeSet<String> methods = new TreeSet<>();
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() != Object.class) {
                methods.add(method.getName());
            }
        }
        String closest = EditDistance.near(named.word, methods);
        return closest == null || closest.equals(named.word) ? "" : "; did you mean " + closest + "()?";
    }

    /** "; did you mean p?" for a property a fact class does not have, naming the closest property it has. */
    private static String closestProperty(String className, String name) {
        Class<?> type = load(className);
        if (type == null) {
            return "";
        }
        TreeSet<String> properties = new TreeSet<>();
        for (Method method : type.getMethods()) {
            String n = method.getName();
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                continue;
            }
            if (n.startsWith("get") && n.length() > 3) {
                properties.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
            } else if (n.startsWith("is") && n.length() > 2 && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
                properties.add(Character.toLowerCase(n.charAt(2)) + n.substring(3));
            }
        }
        for (var field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                properties.add(field.getName());
            }
        }
        String closest = EditDistance.near(name, properties);
        return closest == null ? "" : "; did you mean " + closest + "?";
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DroolsMessages.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The column of {@code word} on a line of the source, as a whole word; {@code otherwise} when it is not there. */
    private static int wordColumn(String source, int line, String word, int otherwise) {
        String[] lines = source == null ? new String[0] : source.split("\n", -1);
        if (line <= 0 || line > lines.length) {
            return otherwise;
        }
        Matcher m = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])").matcher(lines[line - 1]);
        return m.find() ? m.start() + 1 : otherwise;
    }

    /** The column of the expression an MVEL error names, found in its source line (MVEL counts from the expression). */
    private static int expressionColumn(String text, String source, int line) {
        Matcher e = EXPRESSION.matcher(text);
        if (source == null || line <= 0 || !e.find()) {
            return 0;
        }
        String[] lines = source.split("\n", -1);
        if (line > lines.length) {
            return 0;
        }
        String expression = e.group(1).strip();
        int at = lines[line - 1].indexOf(expression);
        if (at < 0) {
            String head = expression.split("\\s+")[0];
            at = lines[line - 1].indexOf(head);
        }
        return at < 0 ? 0 : at + 1;
    }
}
