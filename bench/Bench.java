import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finetuneadvisor.engine.CompiledRules;
import dev.finetuneadvisor.engine.Evaluator;
import dev.finetuneadvisor.io.JsonLines;
import dev.finetuneadvisor.model.UseCase;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's helpers, run from bench/run.sh with the source launcher against target/advisor.jar:
 *   generate N SEED FILE   synthetic use cases as JSON Lines, the same bytes for the same N and SEED
 *   floor IN OUT           the floor: parse every line with Jackson and write it back, nothing else
 *   engine FILE THREADS [separate]   the engine alone: use cases parsed up front, then evaluated; prints
 *                          cases/s ("separate": a KieBase per thread instead of one shared)
 */
public class Bench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Integer.parseInt(args[1]), Long.parseLong(args[2]), Path.of(args[3]));
            case "floor" -> floor(Path.of(args[1]), Path.of(args[2]));
            case "engine" -> engine(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 && args[3].equals("separate"));
            default -> throw new IllegalArgumentException("generate | floor | engine");
        }
    }

    private static final String[] NEEDS = {"behavior", "behavior", "behavior", "both", "knowledge"};
    private static final String[] KINDS = {"classification", "extraction", "intent-detection", "inline-suggestion", "style",
        "structured-output", "summarization", "question-answering", "general-reasoning", "preference-alignment", "other"};
    private static final String[] SOURCES = {"human", "logs", "synthetic"};

    /** A use case a line, drawn so that every verdict and most advisories occur; some fields left unknown. */
    static void generate(int n, long seed, Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder b = new StringBuilder(700);
            for (int i = 1; i <= n; i++) {
                b.setLength(0);
                b.append("{\"id\":\"synthetic-").append(i).append("\",\"title\":\"Synthetic use case ").append(i).append('"');
                b.append(",\"task\":{\"kind\":").append(q(pick(r, KINDS)));
                if (opt(r, 0.95)) {
                    b.append(",\"need\":").append(q(pick(r, NEEDS)));
                }
                b.append(",\"narrow\":").append(r.nextDouble() < 0.85).append(",\"stable\":").append(r.nextDouble() < 0.85)
                        .append(",\"wellDefined\":").append(r.nextDouble() < 0.9).append(",\"generalReasoning\":").append(r.nextDouble() < 0.1);
                if (opt(r, 0.3)) {
                    b.append(",\"knowledgeUpdatesPerYear\":").append(r.nextInt(0, 24));
                }
                if (opt(r, 0.2)) {
                    b.append(",\"needsCitations\":").append(r.nextBoolean());
                }
                b.append("},\"prompt\":{\"engineered\":").append(r.nextDouble() < 0.9).append(",\"fewShot\":").append(r.nextDouble() < 0.85)
                        .append(",\"structuredOutput\":").append(r.nextBoolean()).append(",\"systemPromptTokens\":").append(r.nextInt(100, 3000)).append('}');
                b.append(",\"data\":{\"labeledExamples\":").append(r.nextInt(0, 30000)).append(",\"humanReviewed\":").append(r.nextDouble() < 0.8)
                        .append(",\"noiseRate\":").append(String.format(Locale.ROOT, "%.3f", r.nextDouble() * 0.2))
                        .append(",\"source\":").append(q(pick(r, SOURCES)));
                if (opt(r, 0.2)) {
                    b.append(",\"syntheticTeacher\":").append(q(r.nextBoolean() ? "gpt-4o" : "llama-3-70b"));
                }
                b.append('}');
                if (opt(r, 0.9)) {
                    b.append(",\"volume\":{").append(r.nextBoolean() ? "\"callsPerDay\":" + r.nextInt(100, 20_000_000)
                            : "\"callsPerMonth\":" + r.nextInt(3000, 600_000_000));
                    if (opt(r, 0.8)) {
                        b.append(",\"tokensPerCall\":").append(r.nextInt(200, 4000));
                    }
                    b.append('}');
                }
                b.append(",\"latency\":{\"p95BudgetMs\":").append(r.nextInt(50, 3000)).append(",\"frontierP95Ms\":").append(r.nextInt(150, 2500)).append('}');
                b.append(",\"evals\":{\"goldenExamples\":").append(r.nextInt(0, 1000)).append(",\"humanRated\":").append(r.nextDouble() < 0.85)
                        .append(",\"automatedPipeline\":").append(r.nextDouble() < 0.85).append(",\"baselineRecorded\":").append(r.nextDouble() < 0.85).append('}');
                b.append(",\"deployment\":{\"privacyRequired\":").append(r.nextDouble() < 0.2).append(",\"servingInfrastructure\":").append(r.nextBoolean())
                        .append(",\"guardrails\":").append(r.nextBoolean()).append(",\"observability\":").append(r.nextBoolean()).append('}');
                if (opt(r, 0.2)) {
                    b.append(",\"costs\":{\"engineerUsdPerWeek\":").append(r.nextInt(2000, 12000)).append('}');
                }
                b.append("}\n");
                w.write(b.toString());
            }
        }
    }

    private static boolean opt(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String q(String s) {
        return '"' + s + '"';
    }

    /** Parse every line with Jackson and write it back: what any JSONL-to-JSONL tool must at least do. */
    static void floor(Path in, Path out) throws IOException {
        ObjectMapper m = new ObjectMapper();
        long t0 = System.nanoTime();
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode node = m.readTree(line);
                w.write(m.writeValueAsString(node));
                w.write('\n');
                n++;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "floor: %d lines in %.2f s in-process, %.0f lines/s%n", n, s, n / s);
    }

    /** The engine alone: parse up front, warm up, then evaluate every use case on THREADS threads. */
    static void engine(Path file, int threads, boolean separate) throws Exception {
        CompiledRules rules = CompiledRules.load(Path.of("rules"));
        List<Evaluator> evaluators = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            evaluators.add(separate && t > 0 ? new Evaluator(CompiledRules.load(Path.of("rules"))) : new Evaluator(rules));
        }
        JsonLines lines = new JsonLines(rules.assumptions().costKeys());
        List<UseCase> cases = new ArrayList<>();
        try (var in = Files.newInputStream(file)) {
            JsonLines.LineReader reader = new JsonLines.LineReader(in);
            for (JsonLines.Line l = reader.next(); l != null; l = reader.next()) {
                cases.add(lines.parse(l, "bench", "bench#" + l.number()).loaded().useCase());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        run(pool, evaluators, cases.subList(0, Math.min(cases.size(), 20_000)));
        long t0 = System.nanoTime();
        int done = run(pool, evaluators, cases);
        double s = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "engine: %d use cases on %d threads%s in %.2f s, %.0f use cases/s (after a warm-up of %d)%n",
                done, threads, separate ? " (a KieBase each)" : "", s, done / s, Math.min(cases.size(), 20_000));
    }

    private static int run(ExecutorService pool, List<Evaluator> evaluators, List<UseCase> cases) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<Integer>> parts = new ArrayList<>();
        for (Evaluator evaluator : evaluators) {
            parts.add(pool.submit(() -> {
                int n = 0;
                for (int i = next.getAndIncrement(); i < cases.size(); i = next.getAndIncrement()) {
                    evaluator.evaluate(cases.get(i), "bench");
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : parts) {
            total += f.get();
        }
        return total;
    }
}
