package io.switchboard.core.server;

import io.switchboard.core.config.ServerOptions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands the logging options of the configuration file (debug, trace, logtime, logfile) to
 * whoever writes the log: the launcher offers a {@code Consumer} of settings for that, so the
 * core depends on no logging implementation. Without one (the core in another framework) the
 * host's own logging configuration stays in charge.
 */
final class LogControl implements Consumer<ServerOptions> {

    private static final String FILTER = "(switchboard.logging=settings)";

    private final BundleContext context;

    LogControl(BundleContext context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void accept(ServerOptions options) {
        Map<String, Object> settings = Map.of(
                "debug", options.debug(),
                "trace", options.trace(),
                "logtime", options.logtime(),
                "logfile", options.logFile() == null ? "" : options.logFile());
        try {
            for (ServiceReference<Consumer> ref : context.getServiceReferences(Consumer.class, FILTER)) {
                Consumer<Map<String, Object>> target = context.getService(ref);
                if (target != null) {
                    try {
                        target.accept(settings);
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
