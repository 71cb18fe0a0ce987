package io.switchboard.core.routing;

import java.util.List;

/**
 * What an account shares: the streams other accounts import from it, and the services it
 * imports from others. Replaced as a whole when the configuration changes.
 */
public record AccountLinks(List<StreamRoute> streams, List<ServiceRoute> services) {

    public static final AccountLinks NONE = new AccountLinks(List.of(), List.of());

    public AccountLinks {
        streams = List.copyOf(streams);
        services = List.copyOf(services);
    }

    /** A stream of this account that {@code importer} takes, published there under the mapped subject. */
    public record StreamRoute(SubjectMapping mapping, Account importer) {
    }

    /**
     * A service this account imports: requests matching the mapping go to {@code exporter} under
     * the mapped subject; its responses come back within {@code thresholdNanos}, once or streamed.
     */
    public record ServiceRoute(SubjectMapping mapping, Account exporter, boolean streamed, long thresholdNanos) {
    }

    boolean isEmpty() {
        return streams.isEmpty() && services.isEmpty();
    }
}
