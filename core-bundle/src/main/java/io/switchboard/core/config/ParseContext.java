package io.switchboard.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * State shared by the documents read for one configuration: the main file, its includes and the
 * environment variables read as values. It detects include and variable cycles, which nats-server 2.9
 * would follow until it runs out of stack.
 */
final class ParseContext {

    /** Environment values are read as the value of this key in a one-line document. */
    private static final String ENV_KEY = "pk";

    private final Function<String, String> environment;
    private final Deque<Path> openFiles = new ArrayDeque<>();
    private final Deque<String> openVariables = new ArrayDeque<>();

    ParseContext(Function<String, String> environment) {
        this.environment = environment;
    }

    ConfigTree parseFile(Path file) {
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read configuration file: " + describe(e), e);
        }
        return parseFileContent(file, content);
    }

    ConfigTree parseText(String text, String sourceName, Path baseDir) {
        return new DocumentParser(new SourceCursor(sourceName, text), baseDir, this).parse();
    }

    /**
     * Reads an included file. Its path is joined to the including file's directory even when it is
     * absolute, as nats-server does; it does not see the variables of the including file.
     */
    ConfigTree include(Path baseDir, String path, Position at) {
        Path file = Path.of(baseDir + "/" + path).normalize();
        Path identity = file.toAbsolutePath().normalize();
        if (openFiles.contains(identity)) {
            throw new ConfigException(at, "include cycle: '" + file + "' is already being read");
        }
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(at, "error parsing include file '" + path + "': " + describe(e));
        }
        return parseFileContent(file, content);
    }

    /** An environment variable read as a configuration value, positioned where it is referenced. */
    ConfigValue environmentValue(String name, Position at) {
        String raw = environment.apply(name);
        if (raw == null) {
            throw new ConfigException(at, "variable reference for '" + name + "' can not be found");
        }
        if (openVariables.contains(name)) {
            throw new ConfigException(at, "variable reference cycle for '" + name + "'");
        }
        openVariables.push(name);
        try {
            ConfigTree parsed = parseText(ENV_KEY + "=" + raw, "$" + name, Path.of("."));
            return parsed.get(ENV_KEY)
                    .orElseThrow(() -> new ConfigException(at, "variable reference for '" + name + "' can not be found"))
                    .at(at);
        } catch (ConfigException e) {
            if (e.reason().startsWith("variable reference cycle")) {
                throw new ConfigException(at, e.reason());
            }
            if (e.position().map(p -> p.file().equals("$" + name)).orElse(false)) {
                throw new ConfigException(at, "variable reference for '" + name + "' could not be parsed: "
                        + e.getMessage());
            }
            throw e;
        } finally {
            openVariables.pop();
        }
    }

    private ConfigTree parseFileContent(Path file, String content) {
        Path identity = file.toAbsolutePath().normalize();
        openFiles.push(identity);
        try {
            Path dir = file.getParent() == null ? Path.of(".") : file.getParent();
            return parseText(content, file.toString(), dir);
        } finally {
            openFiles.pop();
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
