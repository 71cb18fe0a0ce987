package io.switchboard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A private copy of the assembled broker for tests that change what is deployed, and the plugin
 * jars they deploy: the shipped ones, or the same with another {@code Bundle-Version}, as a new
 * release of the plugin would be.
 */
final class Distribution {

    private final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    /** Copies the assembled tree into {@code dir}. */
    static Distribution copyInto(Path dir) throws IOException {
        Path source = ServerProcess.home();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new Distribution(dir);
    }

    Path home() {
        return home;
    }

    Path deployed(String jarName) {
        return home.resolve("deploy").resolve(jarName);
    }

    /**
     * A copy of the deployed jar {@code jarName} whose manifest says {@code Bundle-Version} with
     * {@code micro} as the micro part; written outside the deploy folder.
     */
    Path release(String jarName, int micro) throws IOException {
        Path original = deployed(jarName);
        Path release = Files.createTempFile(home, jarName.replace(".jar", ""), "-" + micro + ".jar");
        try (JarFile jar = new JarFile(original.toFile())) {
            Manifest manifest = new Manifest(jar.getManifest());
            Attributes main = manifest.getMainAttributes();
            String[] version = main.getValue("Bundle-Version").split("\\.", 4);
            main.putValue("Bundle-Version", version[0] + "." + version[1] + "." + micro
                    + (version.length > 3 ? "." + version[3] : ""));
            try (OutputStream file = Files.newOutputStream(release);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        out.putNextEntry(new JarEntry(entry.getName()));
                        try (InputStream in = jar.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
        return release;
    }

    /** The Bundle-Version a jar's manifest gives. */
    static String bundleVersion(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    /** Replaces a deployed jar at once, as a careful operator does: written elsewhere, then renamed into place. */
    void replace(String jarName, Path newJar) throws IOException {
        Path staged = Files.createTempFile(home, "staged", ".jar");
        Files.copy(newJar, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, deployed(jarName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A configuration with WebSocket clients on {@code port} of 127.0.0.1, without TLS. */
    static Path websocketConfig(int port) throws IOException {
        return ServerProcess.configFile("websocket { listen: \"127.0.0.1:" + port + "\", no_tls: true }\n");
    }

    /** A port nobody listens on now, for a listener that must come back on the same port after an update. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
