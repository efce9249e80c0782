package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.finetuneadvisor.model.FieldCatalogue;
import dev.finetuneadvisor.model.FieldKind;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.Questionnaire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code questionnaire.yaml}, the questions {@code advisor init} asks, and holds it to the catalogue of fields and
 * the gates the rules declare: every question fills a field of {@code fields.yaml} (or the use case's {@code id} or
 * {@code title}), once; a gate's part names a declared gate, in the gates' order; and every field a gate reads is asked
 * or listed under {@code notAsked:} with the reason. Each problem is reported with its line, like {@link FieldsFile}.
 */
public final class QuestionnaireFile {
    /** The file's name inside a rules directory. */
    public static final String NAME = "questionnaire.yaml";
    private static final List<String> TOP = List.of("parts", "notAsked");
    private static final List<String> PART_KEYS = List.of("gate", "heading", "framework", "questions");
    private static final List<String> QUESTION_KEYS = List.of("field", "ask", "quote", "help");
    private static final List<String> NOT_ASKED_KEYS = List.of("field", "why");
    /** The use case's own fields a question may fill beside those of the catalogue. */
    private static final Map<String, String> OWN_FIELDS = Map.of(
            "id", "The use case's id: reports name it by it.",
            "title", "The use case's title, shown beside its id.");

    private QuestionnaireFile() {
    }

    /**
     * Reads the questionnaire of a rules directory.
     *
     * @param gates the gate names the rules declare, in their order
     * @throws RulesInvalidException with every problem found, located in the file, when it is missing or unusable
     */
    public static Questionnaire load(Path rulesDirectory, FieldCatalogue fields, List<String> gates) throws RulesInvalidException {
        List<RuleProblem> problems = new ArrayList<>();
        Path file = rulesDirectory.resolve(NAME);
        Questionnaire read = read(file, RuleSources.display(rulesDirectory, file), fields, gates, problems);
        if (read == null) {
            throw new RulesInvalidException(problems);
        }
        return read;
    }

    /**
     * Reads the questionnaire, adding any problem to {@code problems}.
     *
     * @param displayPath how the file is named in problems
     * @param gates the gate names the rules declare, in their order
     * @return the questionnaire, or null when the file is missing or unusable
     */
    public static Questionnaire read(Path file, String displayPath, FieldCatalogue fields, List<String> gates,
                                     List<RuleProblem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, displayPath, 0, 0, "missing: the rules directory needs " + NAME
                    + ", the questions advisor init asks ('parts:' list)"));
            return null;
        }
        RuleProblem syntax = RulesYaml.syntaxProblem(file, displayPath);
        if (syntax != null) {
            problems.add(syntax);
            return null;
        }
        Reader reader = new Reader(displayPath, fields, gates);
        try (JsonParser p = RulesYaml.open(file)) {
            reader.file(p);
        } catch (IOException e) {
            JsonLocation at = e instanceof JacksonException je ? je.getLocation() : null;
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            reader.error(at, message == null || message.isBlank() ? "unreadable" : message.strip().lines().findFirst().orElse("").strip());
        }
        if (reader.found.isEmpty()) {
            reader.checkCoverage();
        }
        problems.addAll(reader.found);
        return reader.found.isEmpty() ? new Questionnaire(reader.parts, reader.notAsked) : null;
    }

    /** One reading of the file: what was read so far, the problems found, and where each field was asked. */
    private static final class Reader {
        final String shown;
        final FieldCatalogue fields;
        final List<String> gates;
        final List<RuleProblem> found = new ArrayList<>();
        final List<Questionnaire.Part> parts = new ArrayList<>();
        final List<Questionnaire.NotAsked> notAsked = new ArrayList<>();
        final Map<String, Integer> asked = new HashMap<>();
        int lastGate;

        Reader(String shown, FieldCatalogue fields, List<String> gates) {
            this.shown = shown;
            this.fields = fields;
            this.gates = gates;
        }

        void file(JsonParser p) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                error(p.currentTokenLocation(), "expected a mapping with 'parts:' and 'notAsked:'");
                return;
            }
            boolean seenParts = false;
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonLocation at = p.currentTokenLocation();
                JsonToken t = p.nextToken();
                if (!TOP.contains(key)) {
                    error(at, "unknown section '" + key + "'; allowed: " + String.join(", ", TOP));
                    p.skipChildren();
                } else if (t != JsonToken.START_ARRAY) {
                    error(at, "'" + key + ":' must be a list");
                    p.skipChildren();
                } else if (key.equals("parts")) {
                    seenParts = true;
                    for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                        part(p);
                    }
                } else {
                    for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                        notAsked(p);
                    }
                }
            }
            if (!seenParts) {
                found.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 1, 1, "missing 'parts:', the questions in the order asked"));
            }
        }

        private void part(JsonParser p) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                error(at, "a part is a mapping with 'gate:' or 'heading:', and 'questions:'");
                p.skipChildren();
                return;
            }
            String gate = null;
            String heading = null;
            String framework = null;
            JsonLocation frameworkAt = null;
            int gateNumber = 0;
            List<Question> questions = new ArrayList<>();
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonLocation keyAt = p.currentTokenLocation();
                JsonToken t = p.nextToken();
                switch (PART_KEYS.contains(key) ? key : "") {
                    case "gate" -> {
                        gate = text(p, keyAt, "gate");
                        gateNumber = gate == null ? 0 : gateNumber(gate, keyAt);
                    }
                    case "heading" -> heading = text(p, keyAt, "heading");
                    case "framework" -> {
                        framework = text(p, keyAt, "framework");
                        frameworkAt = keyAt;
                    }
                    case "questions" -> {
                        if (t != JsonToken.START_ARRAY) {
                            error(keyAt, "'questions:' must be a list");
                            p.skipChildren();
                        } else {
                            for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                                Question q = question(p);
                                if (q != null) {
                                    questions.add(q);
                                }
                            }
                        }
                    }
                    default -> {
                        error(keyAt, "unknown key '" + key + "'; a part has " + String.join(", ", PART_KEYS));
                        p.skipChildren();
                    }
                }
            }
            if ((gate == null) == (heading == null)) {
                error(at, "a part has either 'gate:' (a gate's questions) or 'heading:' (questions no gate reads), not "
                        + (gate == null ? "neither" : "both"));
                return;
            }
            if (framework != null && gate == null) {
                error(frameworkAt, "'framework:' is the article's question for a gate; a heading of its own has none");
                return;
            }
            if (questions.isEmpty()) {
                error(at, "a part needs at least one question");
                return;
            }
            parts.add(new Questionnaire.Part(gate, gateNumber, heading, framework, questions));
        }

        private int gateNumber(String gate, JsonLocation at) {
            int number = gates.indexOf(gate) + 1;
            if (number == 0) {
                error(at, "unknown gate '" + gate + "'; the rules declare " + String.join(", ", gates));
            } else if (number <= lastGate) {
                // "Apply this in order": the questions follow the gates
                error(at, "gate '" + gate + "' comes after gate " + lastGate + " (" + gates.get(lastGate - 1)
                        + "); the parts follow the gates' order: " + String.join(", ", gates));
            } else {
                lastGate = number;
            }
            return number;
        }

        private Question question(JsonParser p) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                error(at, "a question is a mapping with 'field:' and 'ask:' (and 'quote:', 'help:')");
                p.skipChildren();
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, JsonLocation> where = new HashMap<>();
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonLocation keyAt = p.currentTokenLocation();
                p.nextToken();
                if (!QUESTION_KEYS.contains(key)) {
                    error(keyAt, "unknown key '" + key + "'; a question has " + String.join(", ", QUESTION_KEYS));
                    p.skipChildren();
                    continue;
                }
                values.put(key, text(p, keyAt, key));
                where.put(key, keyAt);
            }
            String field = values.get("field");
            if (field == null || values.get("ask") == null) {
                // a key written with no text is reported where it is; a key left out, here
                if (!where.containsKey("field") || !where.containsKey("ask")) {
                    error(at, "a question needs 'field:' (the fact field it fills) and 'ask:' (the question)");
                }
                return null;
            }
            JsonLocation fieldAt = where.get("field");
            FieldSpec spec = spec(field, fieldAt);
            if (spec == null) {
                return null;
            }
            Integer before = asked.putIfAbsent(field, fieldAt.getLineNr());
            if (before != null) {
                error(fieldAt, "field '" + field + "' is asked already at line " + before + "; a field is asked once");
                return null;
            }
            return new Question(field, spec, values.get("ask"), values.get("quote"), values.get("help"), fieldAt.getLineNr());
        }

        private FieldSpec spec(String field, JsonLocation at) {
            if (OWN_FIELDS.containsKey(field)) {
                return new FieldSpec(field, FieldType.TEXT, null, null, null, null, OWN_FIELDS.get(field), List.of(),
                        FieldKind.DESCRIPTION, at.getLineNr());
            }
            if (field.startsWith("costs.")) {
                error(at, "'" + field + "': the cost inputs are not asked one by one; list costs.* under notAsked: with why");
                return null;
            }
            FieldSpec spec = fields.get(field);
            if (spec == null) {
                error(at, "unknown field '" + field + "'; a question fills id, title or a field of " + FieldsFile.NAME);
            }
            return spec;
        }

        private void notAsked(JsonParser p) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                error(at, "each notAsked item is a mapping with 'field:' and 'why:'");
                p.skipChildren();
                return;
            }
            String field = null;
            String why = null;
            JsonLocation fieldAt = at;
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonLocation keyAt = p.currentTokenLocation();
                p.nextToken();
                if (!NOT_ASKED_KEYS.contains(key)) {
                    error(keyAt, "unknown key '" + key + "'; a notAsked item has field, why");
                    p.skipChildren();
                } else if (key.equals("field")) {
                    field = text(p, keyAt, key);
                    fieldAt = keyAt;
                } else {
                    why = text(p, keyAt, key);
                }
            }
            if (field == null || why == null) {
                error(at, "a notAsked item needs 'field:' and 'why:' (the reason it is not asked)");
            } else if (!field.equals(FieldSpec.COST_INPUTS) && fields.get(field) == null) {
                error(fieldAt, "unknown field '" + field + "'; notAsked lists fields of " + FieldsFile.NAME);
            } else if (asked.containsKey(field)) {
                error(fieldAt, "field '" + field + "' is asked at line " + asked.get(field) + " and listed as not asked");
            } else {
                notAsked.add(new Questionnaire.NotAsked(field, why, fieldAt.getLineNr()));
            }
        }

        /** Every field a gate reads is asked, or deliberately not: a gate the questionnaire cannot decide would ask in vain. */
        void checkCoverage() {
            for (FieldSpec spec : fields.fields()) {
                boolean left = notAsked.stream().anyMatch(n -> n.field().equals(spec.path()));
                if (!spec.gates().isEmpty() && !asked.containsKey(spec.path()) && !left) {
                    found.add(new RuleProblem(RuleProblem.Severity.ERROR, shown, 1, 1, "field '" + spec.path() + "' is read by "
                            + String.join(", ", spec.gates()) + " but no question asks it; ask it, or list it under notAsked: with why"));
                }
            }
        }

        private String text(JsonParser p, JsonLocation at, String key) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                error(at, "'" + key + ":' must be a text");
                p.skipChildren();
                return null;
            }
            return p.getText().strip();
        }

        void error(JsonLocation at, String message) {
            found.add(RulesYaml.error(shown, at, message));
        }
    }
}
