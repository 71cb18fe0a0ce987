package io.switchboard.launcher;

import io.switchboard.logging.LogSettingsService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One running broker: a Felix framework with the framework-level bundles of
 * {@code system/} started and FileInstall watching {@code deploy/}. Used by the launcher
 * and, unchanged, by tests that boot the broker in-process.
 */
public final class BrokerRuntime {

    /** Framework property carrying the command line to the core, one argument per line. */
    public static final String ARGS_PROPERTY = "switchboard.args";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRuntime.class);
    private static final String SLF4J_VERSION = "2.0.17";

    private final Framework framework;
    private final Path cacheDir;
    private volatile boolean stopRequested;

    private BrokerRuntime(Framework framework, Path cacheDir) {
        this.framework = framework;
        this.cacheDir = cacheDir;
    }

    /** Starts the broker found at {@code home} with the given command-line arguments. */
    public static BrokerRuntime start(Path home, List<String> args) throws IOException, BundleException {
        BrokerRuntime runtime = create(home, args);
        runtime.start(home);
        return runtime;
    }

    /**
     * The broker's framework, initialised but not started: whoever must be able to stop it
     * from the first moment (signal handlers) can take hold of it before it starts.
     */
    public static BrokerRuntime create(Path home, List<String> args) throws IOException, BundleException {
        Path cacheDir = Files.createTempDirectory("switchboard-cache");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(asStringMap(frameworkProperties(home, args, cacheDir)));
        framework.init();
        framework.getBundleContext().registerService(Consumer.class, new LogSettingsService(), LogSettingsService.PROPERTIES);
        return new BrokerRuntime(framework, cacheDir);
    }

    /** Installs and starts the framework-level bundles of {@code home}; FileInstall then brings the plugins. */
    public void start(Path home) throws IOException, BundleException {
        try {
            installSystemBundles(home.resolve("system"));
            framework.start();
        } catch (BundleException | IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static Map<String, Object> frameworkProperties(Path home, List<String> args, Path cacheDir) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, cacheDir.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",",
                "org.slf4j;version=" + SLF4J_VERSION,
                "org.slf4j.spi;version=" + SLF4J_VERSION,
                "org.slf4j.event;version=" + SLF4J_VERSION,
                "org.slf4j.helpers;version=" + SLF4J_VERSION));
        props.put("felix.log.logger", new FelixLogBridge());
        props.put("felix.log.level", "2");
        props.put("felix.fileinstall.dir", home.resolve("deploy").toString());
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.poll", "500");
        props.put("felix.fileinstall.log.level", "2");
        props.put("felix.fileinstall.bundles.new.start", "true");
        // an update refreshes the updated bundle alone: plugins export nothing, and FileInstall is
        // told not to pull in bundles with fragments or optional imports (by default it looks at all)
        props.put("felix.fileinstall.fragmentRefreshScope", "none");
        props.put("felix.fileinstall.optionalImportRefreshScope", "none");
        props.put("felix.fileinstall.tmpdir", cacheDir.resolve("fileinstall").toString());
        props.put("switchboard.home", home.toString());
        props.put(ARGS_PROPERTY, String.join("\n", args));
        return props;
    }

    /** Felix takes object values too (its logger); the standard signature only says String. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> asStringMap(Map<String, Object> props) {
        return (Map) props;
    }

    private void installSystemBundles(Path systemDir) throws IOException, BundleException {
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jarsIn(systemDir)) {
            installed.add(context.installBundle("reference:" + jar.toUri()));
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    public BundleContext bundleContext() {
        return framework.getBundleContext();
    }

    /** Stops the framework, waits for every bundle to stop and removes the bundle cache. */
    public void stop() {
        stopRequested = true;
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            LOG.error("Error stopping the framework: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteCache();
        }
    }

    /** Marks a stop the broker is about to make itself (lame duck mode) as asked for. */
    public void expectStop() {
        stopRequested = true;
    }

    /** True once a stop was asked for (a signal, or the launcher), as opposed to the broker giving up. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Waits until the framework stops and returns the process exit code: 0 when the stop was
     * asked for, 1 when the broker stopped itself because it could not go on.
     */
    public int awaitExit() throws InterruptedException {
        FrameworkEvent event = framework.waitForStop(0);
        if (stopRequested) {
            return 0;
        }
        deleteCache();
        return event.getType() == FrameworkEvent.STOPPED ? 1 : 2;
    }

    private void deleteCache() {
        try (Stream<Path> files = Files.walk(cacheDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not remove bundle cache {}: {}", cacheDir, e.getMessage());
        }
    }
}
