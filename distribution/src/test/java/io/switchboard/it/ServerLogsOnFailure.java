package io.switchboard.it;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the logs of the servers a failed test ran, those its class started included, so a
 * failure seen once on a loaded machine can be read afterwards: the log files themselves are
 * deleted when the test JVM exits. Registered for every test through the service loader.
 */
public final class ServerLogsOnFailure implements BeforeAllCallback, BeforeEachCallback, TestWatcher {

    private static final int TAIL_LINES = 400;
    private static final ExtensionContext.Namespace MARKS = ExtensionContext.Namespace.create(ServerLogsOnFailure.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(MARKS).put("class", ServerProcess.launchedCount());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        int mark = ServerProcess.launchedCount();
        context.getParent().orElseThrow().getStore(MARKS).getOrComputeIfAbsent("classEnd", key -> mark);
        context.getStore(MARKS).put("test", mark);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ExtensionContext.Store classMarks = context.getParent().orElseThrow().getStore(MARKS);
        int classStart = classMarks.getOrDefault("class", Integer.class, 0);
        int classEnd = classMarks.getOrDefault("classEnd", Integer.class, classStart);
        List<ServerProcess> servers = new ArrayList<>(
                ServerProcess.launchedSince(classStart).subList(0, classEnd - classStart));
        servers.addAll(ServerProcess.launchedSince(context.getStore(MARKS).get("test", Integer.class)));
        for (ServerProcess server : servers) {
            List<String> log = server.log();
            System.err.printf("==== %s failed; log of %s (last %d of %d lines) ====%n",
                    context.getDisplayName(), server.command(), Math.min(TAIL_LINES, log.size()), log.size());
            log.subList(Math.max(0, log.size() - TAIL_LINES), log.size()).forEach(System.err::println);
        }
    }
}
