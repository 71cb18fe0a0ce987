package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --signal <name>[=<pid|pid file>]}: sends a signal to a running broker, with
 * nats-server's names for them. Without a pid, the one running broker on this machine.
 */
final class SignalSender {

    private static final Map<String, String> SIGNALS = Map.of(
            "stop", "KILL", "quit", "INT", "term", "TERM", "reload", "HUP", "reopen", "USR1", "ldm", "USR2");

    private SignalSender() {
    }

    static int send(String spec) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq);
        String signal = SIGNALS.get(name.toLowerCase());
        if (signal == null) {
            System.err.println("[FTL] Unknown signal \"" + name + "\"");
            return 1;
        }
        try {
            long pid = eq < 0 ? findBroker() : resolvePid(spec.substring(eq + 1));
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start();
            return kill.waitFor() == 0 ? 0 : 1;
        } catch (IOException | IllegalStateException e) {
            System.err.println("[FTL] " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static long resolvePid(String pidOrFile) throws IOException {
        if (pidOrFile.chars().allMatch(Character::isDigit) && !pidOrFile.isEmpty()) {
            return Long.parseLong(pidOrFile);
        }
        String content = Files.readString(Path.of(pidOrFile)).strip();
        try {
            return Long.parseLong(content);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Invalid pid file content \"" + content + "\" in " + pidOrFile);
        }
    }

    private static long findBroker() {
        long self = ProcessHandle.current().pid();
        List<Long> pids = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().map(c -> c.contains(Main.class.getName())).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
        if (pids.isEmpty()) {
            throw new IllegalStateException("no switchboard process found");
        }
        if (pids.size() > 1) {
            throw new IllegalStateException("multiple switchboard processes running: " + pids
                    + "; give one with --signal <signal>=<pid>");
        }
        return pids.get(0);
    }
}
