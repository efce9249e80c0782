package dev.finetuneadvisor;

import dev.finetuneadvisor.io.AnsweredFactFile;
import dev.finetuneadvisor.io.FactReader;
import dev.finetuneadvisor.model.FieldSpec;
import dev.finetuneadvisor.model.FieldType;
import dev.finetuneadvisor.model.GateResult;
import dev.finetuneadvisor.model.InputError;
import dev.finetuneadvisor.model.Question;
import dev.finetuneadvisor.model.Questionnaire;
import dev.finetuneadvisor.model.Recommendation;
import dev.finetuneadvisor.model.Result;
import dev.finetuneadvisor.model.UseCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One run of the questionnaire ({@link Advisor#interview()}): the questions of {@code rules/questionnaire.yaml} in
 * order, each answer judged at once by the fact-file reader and the partial use case evaluated by the rules, so a
 * front end (the terminal of {@code advisor init}, a web page) only shows questions and passes answers on.
 *
 * <p>An answer is checked by rendering the answers so far, with it, as the fact file {@link #factFile} would write, and
 * reading that text with the advisor's own {@link FactReader}: the answer is accepted exactly when the file would be,
 * and a rejected one gets the reader's message. The verdict is {@linkplain #decided() decided} once the first gate that
 * does not pass (or, when all pass, the last gate) can no longer change: every field it and the gates before it read
 * ({@code fields.yaml gates:}), and every question of their parts, has been asked. Not thread-safe: one per session.
 */
public final class Interview {
    /** The name of the fact file when no id names it: {@code advisor init}'s default and the page's. */
    public static final String DEFAULT_FILE_NAME = "use-case.yaml";
    /** An id a file can be named after. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Advisor advisor;
    private final Questionnaire questionnaire;
    private final List<Question> questions;
    private final List<String> gates;
    private final Map<String, String> answers = new LinkedHashMap<>();
    private final Set<String> asked = new HashSet<>();
    private int position;
    /** The use case the answers so far read as, and its result, evaluated when first asked for (null: not yet). */
    private UseCase useCase;
    private Result result;
    private final FactReader reader;

    Interview(Advisor advisor, Questionnaire questionnaire) {
        this.advisor = Objects.requireNonNull(advisor, "advisor");
        this.questionnaire = Objects.requireNonNull(questionnaire, "questionnaire");
        this.questions = questionnaire.questions();
        this.gates = advisor.gateNames();
        this.reader = new FactReader(advisor.rules().assumptions().costKeys());
    }

    /** The questionnaire asked. */
    public Questionnaire questionnaire() {
        return questionnaire;
    }

    /**
     * The next question to ask, or null when every question has been asked. A question whose field has an alternative
     * answered already ({@code fields.yaml alternatives:}: calls a month after calls a day) is passed over.
     */
    public Question next() {
        while (position < questions.size()) {
            Question q = questions.get(position);
            boolean alternativeGiven = advisor.rules().fields().alternativesOf(q.field()).stream().anyMatch(answers::containsKey);
            if (!alternativeGiven) {
                return q;
            }
            asked.add(q.field());
            position++;
        }
        return null;
    }

    /** How many questions have been asked or passed over. */
    public int asked() {
        return position;
    }

    /** How many questions there are in all. */
    public int total() {
        return questions.size();
    }

    /**
     * Answers the current question ({@link #next()}). An empty or null answer is "don't know": the field stays out of
     * the fact file. An answer the fact-file reader rejects is not kept, and its message is returned: ask again.
     *
     * @return null when the answer is taken (the next question is up), else why it is not, in one sentence
     * @throws IllegalStateException when every question has been asked
     */
    public String answer(String answer) {
        Question q = next();
        if (q == null) {
            throw new IllegalStateException("every question has been asked");
        }
        if (answer == null || answer.isBlank()) {
            move(q);
            return null;
        }
        String a = answer.strip();
        if (q.spec().type() == FieldType.FLAG && !Question.YES_NO.contains(a.toLowerCase(Locale.ROOT))
                && !List.of("y", "n", "true", "false").contains(a.toLowerCase(Locale.ROOT))) {
            // yes and no are the questionnaire's way to answer a flag; the file holds true or false
            return "'" + a + "' is not an answer to a yes-or-no question; answer yes or no, or leave it empty if you do not know";
        }
        Map<String, String> tried = new LinkedHashMap<>(answers);
        tried.put(q.field(), AnsweredFactFile.scalar(q, a));
        FactReader.Batch read = read(tried);
        if (!read.errors().isEmpty()) {
            InputError e = read.errors().get(0);
            return (e.field() == null || e.message().startsWith(e.field()) ? "" : e.field() + ": ") + e.message();
        }
        answers.put(q.field(), tried.get(q.field()));
        useCase = read.useCases().get(0).useCase();
        result = null;
        move(q);
        return null;
    }

    private void move(Question q) {
        asked.add(q.field());
        position++;
    }

    /** The answers so far evaluated by the rules: what {@code advise} says of the fact file {@link #factFile} writes. */
    public Result result() {
        if (result == null) {
            result = advisor.advise(useCase());
        }
        return result;
    }

    /**
     * The use case the answers so far read as: what {@link #result()} evaluates, for a front end that asks the advisor
     * for more than the plain result ({@link Advisor#advise(UseCase, String, AdviceOptions)} with counterfactuals).
     */
    public UseCase useCase() {
        if (useCase == null) {
            FactReader.Batch read = read(answers);
            if (!read.errors().isEmpty()) {
                throw new IllegalStateException("the answers no longer read: " + read.errors().get(0).describe());
            }
            useCase = read.useCases().get(0).useCase();
        }
        return useCase;
    }

    /** The gate where the answers so far stop, and the verdict; null until no answer still to come can change them. */
    public Result decided() {
        // no verdict is decided before the first gate's questions are all asked: no need to run the rules for that
        Questionnaire.Part first = questionnaire.parts().stream().filter(p -> p.gate() != null).findFirst().orElse(null);
        if (first != null && first.questions().stream().anyMatch(q -> !asked.contains(q.field()))) {
            return null;
        }
        Result r = result();
        GateResult stop = r.stoppedAt();
        int last = stop == null ? gates.size() : stop.getNumber();
        List<String> judged = gates.subList(0, last);
        for (FieldSpec spec : advisor.rules().fields().fields()) {
            if (spec.gates().stream().anyMatch(judged::contains) && !settled(spec.path())) {
                return null;
            }
        }
        for (Questionnaire.Part part : questionnaire.parts()) {
            if (part.gate() != null && part.gateNumber() <= last
                    && part.questions().stream().anyMatch(q -> !asked.contains(q.field()))) {
                return null;
            }
        }
        return r;
    }

    private boolean settled(String field) {
        return asked.contains(field) || questionnaire.notAsked().stream().anyMatch(n -> n.field().equals(field));
    }

    /** The verdict's recommendation of a result: its code, its next step in a few words, the gate it stopped at. */
    public static Recommendation verdictOf(Result result) {
        return result.recommendations().stream().filter(Recommendation::isVerdict).findFirst().orElseThrow();
    }

    /**
     * The fact file of the answers so far, commented: the header lines, then each field under its question, the
     * questions not answered commented out.
     */
    public String factFile(List<String> header) {
        return AnsweredFactFile.render(header, questions, answers);
    }

    /**
     * The file the answers are written to, named after their id: {@code <id>.yaml} ({@code <id>} itself when it ends in
     * .yaml or .yml), or {@value #DEFAULT_FILE_NAME} for an empty id or one no file can be named after.
     */
    public static String fileName(String id) {
        if (id == null || !FILE_NAME.matcher(id).matches()) {
            return DEFAULT_FILE_NAME;
        }
        return id.endsWith(".yaml") || id.endsWith(".yml") ? id : id + ".yaml";
    }

    /**
     * The fact file's opening comment, as {@code advisor init} and the page write it: who wrote it, why questions are
     * missing (null: none are), and the verdict it was written with (none when {@code result} is null).
     *
     * @param when the word for the moment of writing ("written", "saved")
     * @param file the file's name as {@code advisor advise} is to be given it
     */
    public static List<String> header(String writtenBy, String unasked, Result result, String when, String file) {
        List<String> header = new ArrayList<>();
        header.add("Written by " + writtenBy + ": each field under the question that asked it. A field commented out was not"
                + " answered (don't know): the advisor reads it as unknown; fill it in when you know it.");
        if (unasked != null) {
            header.add(unasked);
        }
        if (result != null) {
            GateResult stop = result.stoppedAt();
            header.add("Verdict when " + when + ": " + result.verdict() + (stop == null ? "" : ", at gate " + stop.getNumber() + " ("
                    + stop.getName() + ")") + ". The whole advice: advisor advise " + file);
        }
        return header;
    }

    /** The answer given for a field, as the fact file writes it (a flag as true or false, text quoted when YAML needs it); null when none. */
    public String answerOf(String field) {
        return answers.get(field);
    }

    /** How many fields have an answer. */
    public int answered() {
        return answers.size();
    }

    private FactReader.Batch read(Map<String, String> scalars) {
        // named as the file the interview writes is not known here; a use case without an id is "answers"
        List<FactReader.Loaded> cases = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        reader.readYaml("answers.yaml", AnsweredFactFile.render(List.of(), questions, scalars), cases::add, errors::add);
        return new FactReader.Batch(cases, errors);
    }
}
