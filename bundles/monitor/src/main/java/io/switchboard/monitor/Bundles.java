package io.switchboard.monitor;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bundles of the running broker, as {@code /bundlez} lists them, and where each came from. */
final class Bundles {

    private final BundleContext context;
    private final Path deployFolder;

    /** {@code deployFolder} is the folder FileInstall watches, null when there is none. */
    Bundles(BundleContext context, Path deployFolder) {
        this.context = context;
        this.deployFolder = deployFolder;
    }

    Optional<Path> deployFolder() {
        return Optional.ofNullable(deployFolder);
    }

    List<Map<String, Object>> list() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            rows.add(row(bundle));
        }
        return rows;
    }

    Map<String, Object> row(Bundle bundle) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", bundle.getBundleId());
        row.put("symbolic_name", String.valueOf(bundle.getSymbolicName()));
        row.put("version", bundle.getVersion().toString());
        row.put("state", state(bundle.getState()));
        row.put("location", bundle.getLocation());
        row.put("last_modified", Instant.ofEpochMilli(bundle.getLastModified()).toString());
        deployFile(bundle).ifPresent(file -> row.put("deploy_file", file.getFileName().toString()));
        return row;
    }

    /** The bundles as {@code bin/switchboard bundle list} prints them. */
    String table() {
        StringBuilder table = new StringBuilder(String.format("%-4s %-9s %-28s %-44s %s%n",
                "ID", "STATE", "VERSION", "SYMBOLIC NAME", "DEPLOY FILE"));
        for (Bundle bundle : context.getBundles()) {
            table.append(line(bundle)).append('\n');
        }
        return table.toString();
    }

    String line(Bundle bundle) {
        return String.format("%-4d %-9s %-28s %-44s %s", bundle.getBundleId(), state(bundle.getState()),
                bundle.getVersion(), bundle.getSymbolicName(),
                deployFile(bundle).map(file -> file.getFileName().toString()).orElse("")).strip();
    }

    /** A bundle by id, symbolic name or the name of its jar in the deploy folder. */
    Optional<Bundle> find(String which) {
        if (!which.isEmpty() && which.chars().allMatch(Character::isDigit)) {
            return Optional.ofNullable(context.getBundle(Long.parseLong(which)));
        }
        return Arrays.stream(context.getBundles())
                .filter(b -> which.equals(b.getSymbolicName())
                        || deployFile(b).filter(file -> file.getFileName().toString().equals(which)).isPresent())
                .findFirst();
    }

    /** The bundle installed from {@code file}, if any. */
    Optional<Bundle> installedFrom(Path file) {
        return Arrays.stream(context.getBundles()).filter(b -> deployFile(b).filter(file::equals).isPresent())
                .findFirst();
    }

    /** The jar in the deploy folder a bundle was installed from; empty for framework-level bundles. */
    Optional<Path> deployFile(Bundle bundle) {
        if (deployFolder == null || !bundle.getLocation().startsWith("file:")) {
            return Optional.empty();
        }
        Path file = Path.of(URI.create(bundle.getLocation())).toAbsolutePath().normalize();
        return deployFolder.equals(file.getParent()) ? Optional.of(file) : Optional.empty();
    }

    Bundle self() {
        return context.getBundle();
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> Integer.toString(state);
        };
    }
}
