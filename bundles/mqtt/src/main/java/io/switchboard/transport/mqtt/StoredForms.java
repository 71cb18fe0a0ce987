package io.switchboard.transport.mqtt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bytes the store keeps for messages and sessions. Each form starts with its version, so a
 * later bundle can still read what an earlier one wrote.
 */
final class StoredForms {

    private static final int VERSION = 1;

    /** What the store keeps of a session besides its messages. */
    record SessionState(String username, long expirySeconds, long detachedAtMillis, List<Subscription> subscriptions,
                        List<Integer> qos2Received) {
    }

    private StoredForms() {
    }

    static byte[] message(Outgoing out) {
        return write(data -> {
            data.writeInt(out.packetId());
            data.writeBoolean(out.released());
            data.writeInt(out.subscriptionId());
            writeMessage(data, out.message());
        });
    }

    static Outgoing message(long seq, byte[] bytes) {
        return read(bytes, data -> {
            int packetId = data.readInt();
            boolean released = data.readBoolean();
            int subscriptionId = data.readInt();
            return new Outgoing(seq, packetId, readMessage(data), released, subscriptionId);
        });
    }

    static byte[] retained(AppMessage message) {
        return write(data -> writeMessage(data, message));
    }

    static AppMessage retained(byte[] bytes) {
        return read(bytes, StoredForms::readMessage);
    }

    static byte[] session(SessionState state) {
        return write(data -> {
            data.writeUTF(state.username());
            data.writeLong(state.expirySeconds());
            data.writeLong(state.detachedAtMillis());
            data.writeInt(state.subscriptions().size());
            for (Subscription sub : state.subscriptions()) {
                data.writeUTF(sub.filter());
                data.writeByte(sub.qos());
                data.writeUTF(sub.queue() == null ? "" : sub.queue());
                data.writeBoolean(sub.noLocal());
                data.writeBoolean(sub.retainAsPublished());
                data.writeByte(sub.retainHandling());
                data.writeInt(sub.identifier());
                data.writeInt(sub.subjects().size());
                for (String subject : sub.subjects()) {
                    data.writeUTF(subject);
                }
            }
            data.writeInt(state.qos2Received().size());
            for (int id : state.qos2Received()) {
                data.writeShort(id);
            }
        });
    }

    static SessionState session(byte[] bytes) {
        return read(bytes, data -> {
            String username = data.readUTF();
            long expiry = data.readLong();
            long detachedAt = data.readLong();
            List<Subscription> subs = new ArrayList<>();
            for (int i = data.readInt(); i > 0; i--) {
                String filter = data.readUTF();
                int qos = data.readByte();
                String queue = data.readUTF();
                boolean noLocal = data.readBoolean();
                boolean retainAsPublished = data.readBoolean();
                int retainHandling = data.readByte();
                int identifier = data.readInt();
                List<String> subjects = new ArrayList<>();
                for (int j = data.readInt(); j > 0; j--) {
                    subjects.add(data.readUTF());
                }
                subs.add(new Subscription(filter, qos, queue.isEmpty() ? null : queue, noLocal, retainAsPublished,
                        retainHandling, identifier, subjects, List.of()));
            }
            List<Integer> ids = new ArrayList<>();
            for (int i = data.readInt(); i > 0; i--) {
                ids.add(data.readUnsignedShort());
            }
            return new SessionState(username, expiry, detachedAt, subs, ids);
        });
    }

    private static void writeMessage(DataOutputStream data, AppMessage message) throws IOException {
        data.writeUTF(message.topic());
        data.writeByte(message.qos());
        data.writeBoolean(message.retain());
        data.writeInt(message.headers().entries().size());
        for (Map.Entry<String, String> header : message.headers().entries()) {
            data.writeUTF(header.getKey());
            data.writeUTF(header.getValue());
        }
        data.writeUTF(message.responseTopic() == null ? "" : message.responseTopic());
        data.writeInt(message.payload().length);
        data.write(message.payload());
    }

    private static AppMessage readMessage(DataInputStream data) throws IOException {
        String topic = data.readUTF();
        int qos = data.readByte();
        boolean retain = data.readBoolean();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = data.readInt(); i > 0; i--) {
            headers.add(Map.entry(data.readUTF(), data.readUTF()));
        }
        String responseTopic = data.readUTF();
        int length = data.readInt();
        if (length < 0 || length > data.available()) {
            // a damaged form must not have a huge array made for bytes that are not there
            throw new IOException("stored payload of " + length + " bytes, " + data.available() + " left in the form");
        }
        byte[] payload = new byte[length];
        data.readFully(payload);
        return new AppMessage(topic, payload, qos, retain, new NatsHeaders(headers),
                responseTopic.isEmpty() ? null : responseTopic);
    }

    private interface Writer {
        void write(DataOutputStream data) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream data) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeByte(VERSION);
            writer.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = data.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("stored form of version " + version + ", this bundle reads version " + VERSION);
            }
            return reader.read(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
