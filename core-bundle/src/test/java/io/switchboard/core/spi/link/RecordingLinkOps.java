package io.switchboard.core.spi.link;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Each operation as one line of text. */
final class RecordingLinkOps implements LinkOps {
    final List<String> seen = new ArrayList<>();

    @Override
    public void info(String json) {
        seen.add("INFO " + json);
    }

    @Override
    public void connect(String json) {
        seen.add("CONNECT " + json);
    }

    @Override
    public void ping() {
        seen.add("PING");
    }

    @Override
    public void pong() {
        seen.add("PONG");
    }

    @Override
    public void subscribe(String account, String subject, String queue, int weight) {
        seen.add("RS+ " + account + " " + subject + " " + queue + " " + weight);
    }

    @Override
    public void unsubscribe(String account, String subject, String queue) {
        seen.add("RS- " + account + " " + subject + " " + queue);
    }

    @Override
    public void accountInterest(String account, boolean interested) {
        seen.add((interested ? "A+ " : "A- ") + account);
    }

    @Override
    public void message(LinkMessage m) {
        seen.add("MSG " + m.account() + " " + m.subject() + " " + m.reply() + " " + m.queues() + " "
                + m.headerSize() + " " + m.data().toString(StandardCharsets.UTF_8));
    }

    @Override
    public void error(String text) {
        seen.add("ERR " + text);
    }
}
