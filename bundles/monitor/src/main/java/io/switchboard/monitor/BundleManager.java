package io.switchboard.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Installs, updates and uninstalls plugins the way a user does by hand, through the deploy folder,
 * so that FileInstall remains the one that changes plugin bundles and what is deployed survives a
 * restart: a jar is copied in (written beside the folder, then moved in at once), replaced,
 * touched or deleted, and the answer waits until the bundle is active again, or gone.
 */
final class BundleManager {

    static final Set<String> ACTIONS = Set.of("install", "update", "uninstall");

    private static final Logger LOG = LoggerFactory.getLogger(BundleManager.class);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 50;

    private final Bundles bundles;

    BundleManager(Bundles bundles) {
        this.bundles = bundles;
    }

    Reply run(String action, Request request) {
        boolean text = request.wantsText();
        if (bundles.deployFolder().isEmpty()) {
            return Reply.error(HttpResponseStatus.CONFLICT, "no deploy folder is watched", text);
        }
        try {
            return switch (action) {
                case "install" -> install(jar(request).orElseThrow(() -> new Refusal("install needs a file")), text);
                case "update" -> update(plugin(request), jar(request), text);
                default -> uninstall(plugin(request), text);
            };
        } catch (Refusal refusal) {
            return Reply.error(HttpResponseStatus.BAD_REQUEST, refusal.getMessage(), text);
        } catch (IOException e) {
            return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.toString(), text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "the monitor is stopping", text);
        }
    }

    private Reply install(Path jar, boolean text) throws IOException, InterruptedException, Refusal {
        Path target = bundles.deployFolder().orElseThrow().resolve(jar.getFileName());
        if (Files.exists(target)) {
            throw new Refusal(target.getFileName() + " is deployed already: update it instead");
        }
        place(jar, target);
        LOG.info("Deploying {}", target);
        Optional<Bundle> active = await(() -> bundles.installedFrom(target).filter(b -> b.getState() == Bundle.ACTIVE));
        return outcome("Installed", active, () -> bundles.installedFrom(target).map(BundleManager::describe)
                .orElse(target.getFileName() + " is not installed"), text);
    }

    private Reply update(Bundle bundle, Optional<Path> jar, boolean text) throws IOException, InterruptedException {
        Path deployed = bundles.deployFile(bundle).orElseThrow();
        long before = bundle.getLastModified();
        if (jar.isPresent()) {
            place(jar.get(), deployed);
        } else {
            Files.setLastModifiedTime(deployed, FileTime.from(Instant.now()));
        }
        LOG.info("Updating bundle {} from {}", bundle.getSymbolicName(), deployed);
        if (bundle.equals(bundles.self())) {
            return restarting(bundle, text);
        }
        Optional<Bundle> updated = await(() -> Optional.of(bundle)
                .filter(b -> b.getLastModified() != before && b.getState() == Bundle.ACTIVE));
        return outcome("Updated", updated, () -> describe(bundle)
                + (bundle.getLastModified() == before ? " and was not updated" : ""), text);
    }

    private Reply uninstall(Bundle bundle, boolean text) throws IOException, InterruptedException {
        Path deployed = bundles.deployFile(bundle).orElseThrow();
        String name = "bundle " + bundle.getBundleId() + " (" + bundle.getSymbolicName() + ")";
        Files.delete(deployed);
        LOG.info("Undeploying {}", deployed);
        if (bundle.equals(bundles.self())) {
            return restarting(bundle, text);
        }
        boolean gone = await(() -> Optional.of(bundle).filter(b -> b.getState() == Bundle.UNINSTALLED)).isPresent();
        if (!gone) {
            return Reply.error(HttpResponseStatus.GATEWAY_TIMEOUT, "bundle " + bundle.getBundleId()
                    + " is still installed: see the broker's log", text);
        }
        return text ? Reply.text(HttpResponseStatus.OK, "Uninstalled " + name)
                : Reply.json(Map.of("uninstalled", bundle.getBundleId()));
    }

    /** The monitor acting on itself cannot wait for the outcome: it is stopped on the way. */
    private static Reply restarting(Bundle bundle, boolean text) {
        return text ? Reply.text(HttpResponseStatus.ACCEPTED, "The monitor itself restarts; check with: bundle list")
                : Reply.json(HttpResponseStatus.ACCEPTED, Map.of("accepted", bundle.getBundleId()));
    }

    /** The active bundle the action led to, or why there is none. */
    private Reply outcome(String done, Optional<Bundle> active, Supplier<String> otherwise, boolean text) {
        if (active.isPresent()) {
            return text ? Reply.text(HttpResponseStatus.OK, done + " " + bundles.line(active.get()))
                    : Reply.json(Map.of("bundle", bundles.row(active.get())));
        }
        return Reply.error(HttpResponseStatus.GATEWAY_TIMEOUT, otherwise.get() + ": see the broker's log", text);
    }

    private static String describe(Bundle bundle) {
        return "bundle " + bundle.getBundleId() + " is " + Bundles.state(bundle.getState());
    }

    /**
     * Writes the jar beside the deploy folder and moves it in with one rename, so FileInstall
     * never reads a half-written jar.
     */
    private static void place(Path jar, Path target) throws IOException {
        Path staged = Files.createTempFile(target.getParent().getParent(), ".deploy-", ".jar");
        try {
            Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private static Optional<Bundle> await(Supplier<Optional<Bundle>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Optional<Bundle> met = condition.get();
        while (met.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            met = condition.get();
        }
        return met;
    }

    private Bundle plugin(Request request) throws Refusal {
        String which = request.parameter("bundle")
                .orElseThrow(() -> new Refusal("which bundle? give bundle=<id|symbolic name|deploy file>"));
        Bundle bundle = bundles.find(which).orElseThrow(() -> new Refusal("no bundle " + which));
        if (bundles.deployFile(bundle).isEmpty()) {
            throw new Refusal("bundle " + bundle.getBundleId() + " (" + bundle.getSymbolicName()
                    + ") is not a plugin of the deploy folder; only plugins are managed");
        }
        return bundle;
    }

    private static Optional<Path> jar(Request request) throws Refusal {
        Optional<Path> jar = request.parameter("file").map(Path::of);
        if (jar.isPresent() && (!jar.get().isAbsolute() || !Files.isRegularFile(jar.get()))) {
            throw new Refusal("no such file on the broker's machine: " + jar.get() + " (give an absolute path)");
        }
        return jar;
    }

    /** A request that cannot be carried out as asked. */
    private static final class Refusal extends Exception {
        Refusal(String message) {
            super(message);
        }
    }
}
