package com.example.switchboard.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The users file, read again whenever it changes: one line per user, {@code name = password}
 * or {@code name = password, account}. Without an account a user goes to the global one.
 */
final class UsersFile {

    /** One user: the password to compare with, and the account to admit into (null for the global one). */
    record Entry(String password, String account) {
        boolean passwordMatches(String given) {
            return given != null && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Path file;
    private FileTime loadedVersion;
    private Map<String, Entry> entries = Map.of();

    UsersFile(Path file) {
        this.file = file;
    }

    /** The entry for {@code user}, or null; a missing or unreadable file knows nobody. */
    synchronized Entry lookup(String user) {
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (!version.equals(loadedVersion)) {
                entries = read();
                loadedVersion = version;
            }
        } catch (IOException e) {
            entries = Map.of();
            loadedVersion = null;
        }
        return entries.get(user);
    }

    private Map<String, Entry> read() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, Entry> read = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String[] parts = properties.getProperty(name).split(",", 2);
            read.put(name, new Entry(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null));
        }
        return read;
    }
}
