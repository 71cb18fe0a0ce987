package io.switchboard.cluster;

/** What a peer sent over a route, one callback per complete protocol operation. */
interface RouteOps {

    void info(String json) throws RouteProtocolException;

    void connect(String json) throws RouteProtocolException;

    void ping();

    void pong();

    /** {@code RS+}: interest in a subject, or in a queue group with {@code weight} members. */
    void subscribe(String account, String subject, String queue, int weight);

    /** {@code RS-}: that interest is gone. */
    void unsubscribe(String account, String subject, String queue);

    /** {@code RMSG} or {@code HMSG}; the message and its data are valid during the call only. */
    void message(RoutedMessage message);

    /** {@code -ERR}: the peer's complaint, logged before it closes. */
    void error(String text);
}
