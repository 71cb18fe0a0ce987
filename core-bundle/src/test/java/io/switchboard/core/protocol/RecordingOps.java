package io.switchboard.core.protocol;

import io.switchboard.core.routing.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes every operation the parser reports as one line of text, to compare runs. */
final class RecordingOps implements ClientOps {

    final List<String> ops = new ArrayList<>();
    final List<String> subjects = new ArrayList<>();
    /** What the client does after a CONNECT, such as pausing the parser. */
    Runnable onConnect = () -> { };

    @Override
    public void connect(String json) {
        ops.add("CONNECT " + json);
        onConnect.run();
    }

    @Override
    public void publish(Message m) {
        subjects.add(m.subject);
        ops.add("PUB " + m.subject + " " + m.reply + " " + m.headerSize + " [" + m.data().toString(m.offset(), m.size(), StandardCharsets.ISO_8859_1) + "]");
    }

    @Override
    public void publishing(Message m) {
        ops.add("PUBLISHING " + m.subject);
    }

    @Override
    public void info(String json) {
        ops.add("INFO " + json);
    }

    @Override
    public void subscribe(String subject, String queue, String sid) {
        ops.add("SUB " + subject + " " + queue + " " + sid);
    }

    @Override
    public void unsubscribe(String sid, int max) {
        ops.add("UNSUB " + sid + " " + max);
    }

    @Override
    public void ping() {
        ops.add("PING");
    }

    @Override
    public void pong() {
        ops.add("PONG");
    }

    @Override
    public void clientError(String text) {
        ops.add("-ERR " + text);
    }
}
