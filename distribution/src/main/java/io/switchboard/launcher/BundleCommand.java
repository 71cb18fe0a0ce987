package io.switchboard.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code switchboard bundle list|install|update|uninstall}: manages the plugins of a running
 * broker through its monitoring port, which answers only from loopback. The broker prints the
 * outcome; this command passes it on and exits 0 when it succeeded.
 */
final class BundleCommand {

    static final String USAGE = """
            Usage: switchboard bundle [-a <host>] [-m <port>] [--http_base_path <path>] <command>

            Commands:
                list                          List the broker's bundles
                install <jar>                 Deploy a plugin jar
                update <bundle> [<jar>]       Update a plugin, from a new jar or from its own
                uninstall <bundle>            Remove a plugin

            <bundle> is a bundle id, a symbolic name or the name of its jar in deploy/.

            The broker's monitoring port (http_port, -m) is 8222 unless -m says otherwise.
            """;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BundleCommand() {
    }

    static int run(List<String> args) {
        if (args.contains("-h") || args.contains("--help")) {
            System.out.print(USAGE);
            return 0;
        }
        String host = "127.0.0.1";
        String port = "8222";
        String basePath = "";
        List<String> words = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "-a", "--addr" -> host = next(args, ++i);
                    case "-m", "--http_port" -> port = next(args, ++i);
                    case "--http_base_path" -> basePath = next(args, ++i);
                    default -> words.add(arg);
                }
            }
            HttpRequest request = request("http://" + host + ":" + port + basePath + "/bundlez", words);
            return send(request, host + ":" + port);
        } catch (IllegalArgumentException e) {
            System.err.print(e.getMessage().isEmpty() ? USAGE : "[FTL] " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
    }

    private static HttpRequest request(String base, List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("");
        }
        String command = words.get(0);
        List<String> operands = words.subList(1, words.size());
        return switch (command) {
            case "list" -> get(base, operands);
            case "install" -> post(base + "/install?file=" + jar(operands, 0));
            case "update" -> post(base + "/update?bundle=" + bundle(operands)
                    + (operands.size() > 1 ? "&file=" + jar(operands, 1) : ""));
            case "uninstall" -> post(base + "/uninstall?bundle=" + bundle(operands));
            default -> throw new IllegalArgumentException("unknown command \"" + command + "\"");
        };
    }

    private static HttpRequest get(String url, List<String> operands) {
        if (!operands.isEmpty()) {
            throw new IllegalArgumentException("list takes no operands");
        }
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "text/plain").GET().build();
    }

    private static HttpRequest post(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static String bundle(List<String> operands) {
        if (operands.isEmpty()) {
            throw new IllegalArgumentException("which bundle? give its id or symbolic name");
        }
        return encode(operands.get(0));
    }

    /** The broker reads the jar itself, on this machine: it gets the absolute path. */
    private static String jar(List<String> operands, int index) {
        if (operands.size() <= index) {
            throw new IllegalArgumentException("which jar?");
        }
        return encode(Path.of(operands.get(index)).toAbsolutePath().normalize().toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String next(List<String> args, int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("flag " + args.get(i - 1) + " needs a value");
        }
        return args.get(i);
    }

    private static int send(HttpRequest request, String monitor) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            boolean ok = response.statusCode() / 100 == 2;
            (ok ? System.out : System.err).print(response.body());
            return ok ? 0 : 1;
        } catch (IOException e) {
            System.err.println("[FTL] No broker answers on its monitoring port " + monitor
                    + " (start it with -m <port>, or name the port with -m): " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
