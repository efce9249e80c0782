package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.RulesInvalidException;
import dev.finetuneadvisor.io.DecisionLogWriter;
import dev.finetuneadvisor.model.OrganisationCosts;
import dev.finetuneadvisor.server.AdvisorServer;
import dev.finetuneadvisor.server.LiveRules;
import dev.finetuneadvisor.server.ServeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code advisor serve}: the advisor as an HTTP service and a web page ({@link AdvisorServer}), on rules that reload
 * when their files change. Runs until stopped (SIGTERM or Ctrl-C: requests in flight finish, the decision log is
 * flushed and closed).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the advisor over HTTP: POST /v1/advise (one use case), POST /v1/advise/batch (JSON Lines), GET /v1/rules,"
                + " /v1/schema, /openapi.json, /health, /metrics, and the page at / (a questionnaire through the six gates, the portfolio).",
            "The rules directory is watched: an edit is compiled in the background and swapped in when it compiles; a broken edit"
                + " keeps the last good rules serving and shows its errors on /health and on the page.",
            "Listens on 127.0.0.1 unless --bind says otherwise; any other address needs --token-file."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Stopped (SIGTERM or Ctrl-C) after finishing the requests in flight.",
            "2:Usage error (a non-loopback --bind without --token-file, an unreadable token file).",
            "3:The organisation's assumptions file or the --portfolio cannot be read.",
            "4:The rules do not compile (each error printed as file:line:column).",
            "7:The port cannot be listened on, or the decision log cannot be opened."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    AssumptionsOption assumptions;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on (0: any free port; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Any non-loopback address needs --token-file.")
    String bind;

    @Option(names = "--portfolio", paramLabel = "PATH",
            description = "Fact files, portfolio files, JSON Lines or folders the page shows as the portfolio, re-decided after every reload.")
    List<Path> portfolio = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the access token (its first line) every API call must send as 'Authorization: Bearer TOKEN'.")
    Path tokenFile;

    @Option(names = "--cors", paramLabel = "ORIGIN",
            description = "Let pages of this one origin (e.g. https://intake.example.com) call the API from a browser. Default: none.")
    String cors;

    @Option(names = "--decision-log", paramLabel = "FILE",
            description = "Append every decision answered by /v1/advise and /v1/advise/batch to FILE (docs/decision-log.md), before it is answered.")
    Path decisionLog;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "The most bytes a request body may hold, but a batch's (default: ${DEFAULT-VALUE}).")
    long maxBody = ServeConfig.DEFAULT_MAX_BODY;

    @Option(names = "--max-batch-body", paramLabel = "BYTES", description = "The most bytes a batch's JSON Lines body may hold (default: ${DEFAULT-VALUE}).")
    long maxBatchBody = ServeConfig.DEFAULT_MAX_BATCH_BODY;

    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            description = "How long a connection may stay silent, and the most a batch may take (default: ${DEFAULT-VALUE}).")
    int requestTimeout = (int) ServeConfig.DEFAULT_TIMEOUT.toSeconds();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String conflict = assumptions.conflict();
        if (conflict != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), conflict);
        }
        if (maxBody < 1 || maxBatchBody < 1 || requestTimeout < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-body, --max-batch-body and --request-timeout must be at least 1");
        }
        String token = tokenFile != null ? readToken(tokenFile) : null;
        String refused = refusal(bind, token != null);
        if (refused != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), refused);
        }
        for (Path p : portfolio) {
            if (!Files.exists(p)) {
                err.println("error: --portfolio " + p + ": no such file or folder");
                err.flush();
                return ExitCodes.INPUT_REJECTED;
            }
        }
        Path directory = rules.directory();
        Advisor first = rules.advisor(err, Runtime.getRuntime().availableProcessors());
        if (first == null) {
            return ExitCodes.RULES_INVALID;
        }
        try {
            LiveRules.check(first);
        } catch (RulesInvalidException e) {
            e.problems().forEach(p -> err.println(p.describe()));
            err.println("the rules in " + directory + " cannot be served: " + e.problems().size() + " problem(s)");
            err.flush();
            return ExitCodes.RULES_INVALID;
        }
        OrganisationCosts costs;
        try {
            costs = assumptions.read(first, err, rules.verbose);
        } catch (AssumptionsOption.Invalid e) {
            return ExitCodes.INPUT_REJECTED;
        }
        Advisor firstWithCosts = costs == null ? first : first.withOrganisation(costs);
        LiveRules.Loader loader = () -> {
            Advisor a = Advisor.builder().rules(directory).cache(RulesOption.cacheDirectory())
                    .threads(Runtime.getRuntime().availableProcessors()).build();
            return costs == null ? a : a.withOrganisation(costs);
        };
        LiveRules live = LiveRules.of(firstWithCosts, loader, Clock.systemUTC());
        DecisionLogWriter log = null;
        if (decisionLog != null) {
            try {
                log = DecisionLogWriter.append(decisionLog, Clock.systemUTC());
            } catch (IOException e) {
                err.println("error: --decision-log " + decisionLog + ": cannot open it for appending (" + e.getMessage() + ")");
                err.flush();
                return ExitCodes.OUTPUT_FAILED;
            }
        }
        ServeConfig config = new ServeConfig(bind, port, token, cors, maxBody, maxBatchBody, Duration.ofSeconds(requestTimeout), log, portfolio);
        AdvisorServer server;
        try {
            server = AdvisorServer.start(config, live);
        } catch (IOException e) {
            err.println("error: cannot listen on " + bind + ":" + port + " (" + e.getMessage() + ")");
            err.flush();
            closeLog(log, err);
            return ExitCodes.OUTPUT_FAILED;
        }
        boolean watched = !rules.bundled();
        live.onSwap((before, after) -> {
            err.println("rules reloaded: revision " + before.revision() + " -> " + after.revision() + ", assumptions "
                    + before.revisions().assumptionsRevision() + " -> " + after.revisions().assumptionsRevision());
            err.flush();
        });
        AtomicBoolean failing = new AtomicBoolean();
        live.onReload(reload -> {
            if (!reload.outcome().equals("failed")) {
                if (failing.getAndSet(false) && reload.outcome().equals("unchanged")) {
                    // back to the rules serving: no swap to announce, but the errors printed last are gone
                    err.println("rules reload: the errors are gone; still serving revision " + reload.revision());
                    err.flush();
                }
                return;
            }
            failing.set(true);
            err.println("rules reload failed, still serving revision " + reload.revision() + ":");
            reload.errors().forEach(p -> err.println("  " + p.describe()));
            err.flush();
        });
        if (watched) {
            live.watch(directory);
        }
        DecisionLogWriter openLog = log;
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            // stop taking requests, finish those in flight, then flush and close the log: once, however it was asked
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            server.close();
            live.close();
            closeLog(openLog, err);
            err.println("advisor serve: stopped");
            err.flush();
        };
        CountDownLatch stopAsked = new CountDownLatch(1);
        // SIGTERM and Ctrl-C ask for the stop instead of starting the JVM's shutdown, so that the stop is finished
        // here and the exit code is 0 (a JVM ended by a signal exits 128 + its number, which a supervisor reads as a
        // crash); the shutdown hook stops it as well for any other ending (SIGHUP, a System.exit elsewhere).
        // sun.misc.Signal is one of the internal APIs JEP 260 keeps open (module jdk.unsupported): javac warns about it
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> stopAsked.countDown());
            } catch (IllegalArgumentException e) {
                // a signal this platform does not have, or the JVM keeps for itself (-Xrs): the hook stops it
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "advisor-serve-stop"));
        out.println(server.uri());
        out.flush();
        err.println("advisor serve: listening on " + server.uri() + " (rules " + directory + ", revision " + live.current().revision()
                + (watched ? ", reloaded on change" : ", bundled in the jar: not watched") + (token != null ? ", token required" : "")
                + (log != null ? ", decisions logged to " + decisionLog : "") + ")");
        err.flush();
        try {
            stopAsked.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.run();
        return ExitCodes.OK;
    }

    private String readToken(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String token = lines.isEmpty() ? "" : lines.get(0).strip();
            if (token.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--token-file " + file + ": its first line is empty; write the token there");
            }
            return token;
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--token-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private String refusal(String address, boolean withToken) {
        try {
            return AdvisorServer.refusal(address, withToken);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void closeLog(DecisionLogWriter log, PrintWriter err) {
        if (log == null) {
            return;
        }
        try {
            log.close();
        } catch (IOException e) {
            err.println("error: the decision log could not be closed: " + e.getMessage());
        }
    }
}
