package io.switchboard.core.routing;

import java.util.List;

/**
 * What an account takes from others: the streams it imports and the services it imports.
 * Replaced as a whole when the configuration changes.
 */
public record AccountLinks(List<StreamImport> streams, List<ServiceRoute> services) {

    public static final AccountLinks NONE = new AccountLinks(List.of(), List.of());

    public AccountLinks {
        streams = List.copyOf(streams);
        services = List.copyOf(services);
    }

    /**
     * A stream this account imports from {@code exporter}: what is published there on the
     * mapping's source arrives here under the mapped subject.
     */
    public record StreamImport(SubjectMapping mapping, Account exporter) {
    }

    /**
     * A service this account imports: requests matching the mapping go to {@code exporter} under
     * the mapped subject; its responses come back within {@code thresholdNanos}, once or streamed.
     */
    public record ServiceRoute(SubjectMapping mapping, Account exporter, boolean streamed, long thresholdNanos) {
    }
}
