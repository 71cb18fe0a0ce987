package io.switchboard.auth.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account JWTs of a full resolver, one file per account in the resolver's {@code dir}, named
 * {@code <account public key>.jwt} as nats-server's directory store names them, so that either server
 * can take over the other's directory. Read once at start; each update is written to a temporary
 * file and moved into place, so a reader never sees half a JWT.
 */
final class AccountDirectory {

    private static final String EXTENSION = ".jwt";

    private final Path directory;
    private final Map<String, String> accounts = new ConcurrentHashMap<>();

    private AccountDirectory(Path directory) {
        this.directory = directory;
    }

    /** Opens {@code directory}, making it when missing, and reads every JWT in it. */
    static AccountDirectory open(Path directory) throws IOException {
        Files.createDirectories(directory);
        AccountDirectory store = new AccountDirectory(directory);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + EXTENSION)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                store.accounts.put(name.substring(0, name.length() - EXTENSION.length()),
                        Files.readString(file, StandardCharsets.UTF_8).trim());
            }
        }
        return store;
    }

    Path directory() {
        return directory;
    }

    /** The JWTs by account public key, as they are now: updates show in this map at once. */
    Map<String, String> accounts() {
        return accounts;
    }

    /** Stores {@code jwt} for {@code account}, replacing what was there; returns false when it was there already. */
    synchronized boolean save(String account, String jwt) throws IOException {
        if (jwt.equals(accounts.get(account))) {
            return false;
        }
        Path target = directory.resolve(account + EXTENSION);
        Path temporary = Files.createTempFile(directory, account, ".tmp");
        Files.writeString(temporary, jwt, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        accounts.put(account, jwt);
        return true;
    }

    /** Stores {@code jwt} unless the account has one already: what {@code resolver_preload} does to a full resolver. */
    synchronized void saveIfAbsent(String account, String jwt) throws IOException {
        if (!accounts.containsKey(account)) {
            save(account, jwt);
        }
    }

    synchronized boolean delete(String account) throws IOException {
        Files.deleteIfExists(directory.resolve(account + EXTENSION));
        return accounts.remove(account) != null;
    }
}
