package dev.finetuneadvisor.cli;

import dev.finetuneadvisor.Advisor;
import dev.finetuneadvisor.engine.OrganisationFile;
import dev.finetuneadvisor.engine.RuleProblem;
import dev.finetuneadvisor.model.OrganisationCost;
import dev.finetuneadvisor.model.OrganisationCosts;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --assumptions FILE} and {@code --no-assumptions}, on the subcommands that evaluate a team's use cases
 * (advise, sensitivity, diff): an organisation's own cost inputs, each with the date it was set, in place of
 * the rules' ({@link OrganisationFile}). Without either option, {@value #DEFAULT} in the working directory is
 * used when it exists: a team keeps its prices in the repository beside its fact files, and every run from
 * there uses them. Not on {@code test} or {@code verify}: those check the rules, and must give the same answer
 * on every machine.
 */
public final class AssumptionsOption {
    /** Where an organisation's assumptions file is looked for when no option names one, relative to the working directory. */
    static final String DEFAULT = ".advisor/assumptions.yaml";

    @Option(names = "--assumptions", paramLabel = "FILE",
            description = "The organisation's own cost inputs (an engineer-week, negotiated prices), each with the date it was set, "
                    + "in place of the rules' (a use case's own costs: still win). Default: " + DEFAULT + " when it exists.")
    Path file;

    @Option(names = "--no-assumptions", description = "Use the rules' own cost inputs only, even when " + DEFAULT + " exists.")
    boolean none;

    /** The file in use: --assumptions, else the default when it exists; null with --no-assumptions or when there is none. */
    Path path() {
        return path(Path.of(""));
    }

    /** {@link #path()} as seen from {@code workingDirectory} (the default is relative to it). */
    Path path(Path workingDirectory) {
        if (none) {
            return null;
        }
        if (file != null) {
            return file;
        }
        Path here = workingDirectory.resolve(DEFAULT);
        return Files.isRegularFile(here) ? here : null;
    }

    /** True when the command line named a file itself (not the default location). */
    boolean given() {
        return file != null;
    }

    /** A file and --no-assumptions together: the message of the usage error, or null when the options agree. */
    String conflict() {
        return file != null && none ? "--assumptions and --no-assumptions cannot go together" : null;
    }

    /**
     * The organisation's file read against {@code advisor}'s cost inputs, or null when there is none in use.
     *
     * @throws Invalid when the file has problems (each already printed to {@code err}, located)
     */
    OrganisationCosts read(Advisor advisor, PrintWriter err, boolean verbose) throws Invalid {
        Path path = path();
        if (path == null) {
            return null;
        }
        List<RuleProblem> problems = new ArrayList<>();
        LocalDate today = LocalDate.now();
        OrganisationCosts costs = OrganisationFile.read(path, path.toString(),
                OrganisationFile.settable(advisor.rules().assumptions()), today, problems);
        if (costs == null) {
            problems.forEach(p -> err.println(p.describe()));
            err.println("the organisation's assumptions file " + path + " cannot be used: " + problems.size() + " problem(s)"
                    + (file == null ? " (it is read by default; --no-assumptions leaves it out)" : ""));
            err.flush();
            throw new Invalid();
        }
        if (verbose) {
            err.println("assumptions: " + path + ", " + costs.costs().size() + " cost input(s) in place of the rules'");
        }
        warnOld(costs, advisor.rules().assumptions().organisation().get(OrganisationFile.MAX_AGE_DAYS), today, err);
        return costs;
    }

    /**
     * {@code advisor} with the organisation's cost inputs in use (itself when there are none), a warning on
     * {@code err} for every value older than the rules allow.
     *
     * @throws Invalid when the file has problems (each already printed to {@code err}, located)
     */
    Advisor apply(Advisor advisor, PrintWriter err, boolean verbose) throws Invalid {
        OrganisationCosts costs = read(advisor, err, verbose);
        return costs == null ? advisor : advisor.withOrganisation(costs);
    }

    /** One warning per value set longer ago than the rules' {@code organisation.maxPriceAgeDays} (none when the rules have no such number). */
    private static void warnOld(OrganisationCosts costs, Double maxAgeDays, LocalDate today, PrintWriter err) {
        if (maxAgeDays == null) {
            return;
        }
        for (OrganisationCost old : OrganisationFile.olderThan(costs, maxAgeDays, today)) {
            err.println("warning: " + costs.file() + ":" + old.line() + ": costs." + old.name() + " was set " + old.set() + ", "
                    + ChronoUnit.DAYS.between(old.set(), today) + " days ago, more than the " + Math.round(maxAgeDays)
                    + " days a price is taken to hold (organisation." + OrganisationFile.MAX_AGE_DAYS
                    + " in assumptions.yaml); it is still used: check it and update its set: date");
        }
        err.flush();
    }

    /** The organisation's file cannot be used; its problems are printed. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }
}
