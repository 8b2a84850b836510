package dev.vigil.server.cli;

import dev.vigil.alerting.eval.RuleFiles;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.rules.RuleFile;
import dev.vigil.config.rules.RuleFileGlobs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil check config|rules}: validates files the way promtool does, without starting a server. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check configuration and rule files.",
        subcommands = {CheckCommand.Config.class, CheckCommand.Rules.class})
public final class CheckCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a check is required (config, rules)");
    }

    /** {@code vigil check config FILE...}: the configuration files and every rule file they name. */
    @Command(
            name = "config",
            mixinStandardHelpOptions = true,
            description = "Check configuration files and the rule files they name.")
    static final class Config implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Configuration files to check.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean failed = false;
            for (Path file : files) {
                out.println("Checking " + file);
                VigilConfig config;
                try {
                    config = ConfigLoader.load(file);
                } catch (ConfigException e) {
                    printFailure(out, e.errors());
                    failed = true;
                    continue;
                }
                out.println("  SUCCESS: " + file + " is valid prometheus config file syntax");
                List<Path> ruleFiles;
                try {
                    ruleFiles = expandRuleFiles(file, config.ruleFiles());
                } catch (IOException e) {
                    out.println("  FAILED: reading rule_files of " + file + ": " + e.getMessage());
                    failed = true;
                    continue;
                }
                for (Path ruleFile : ruleFiles) {
                    out.println();
                    failed |= !checkRuleFile(out, ruleFile);
                }
            }
            out.flush();
            return failed ? 1 : 0;
        }
    }

    /** {@code vigil check rules FILE...}. */
    @Command(name = "rules", mixinStandardHelpOptions = true, description = "Check rule files.")
    static final class Rules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rule files to check.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean failed = false;
            for (Path file : files) {
                failed |= !checkRuleFile(out, file);
            }
            out.flush();
            return failed ? 1 : 0;
        }
    }

    static boolean checkRuleFile(PrintWriter out, Path file) {
        out.println("Checking " + file);
        try {
            RuleFile rules = RuleFiles.load(file);
            out.println("  SUCCESS: "
                    + rules.groups().stream().mapToInt(g -> g.rules().size()).sum() + " rules found");
            return true;
        } catch (ConfigException e) {
            printFailure(out, e.errors());
            return false;
        }
    }

    private static void printFailure(PrintWriter out, List<ConfigError> errors) {
        out.println("  FAILED:");
        for (ConfigError error : errors) {
            out.println(error);
        }
    }

    static List<Path> expandRuleFiles(Path configFile, List<String> patterns) throws IOException {
        return RuleFileGlobs.expand(configFile.toAbsolutePath().getParent(), patterns);
    }
}
