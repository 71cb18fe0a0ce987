package io.switchboard.core.server;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ServerConfiguration;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.link.Links;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.auth.AdmissionsChanged;
import io.switchboard.core.spi.system.SystemHost;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

/**
 * The core's component: reads the command line the launcher handed over, starts the
 * server and offers it to transports and links. A configuration it cannot use ends the process with
 * one {@code [FTL]} line, the way nats-server refuses to start.
 */
@Component(immediate = true)
public final class Broker {

    /** Framework property with the command line, one argument per line. */
    static final String ARGS_PROPERTY = "switchboard.args";

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private NatsServer server;
    private ServiceRegistration<TransportHost> registration;
    private ServiceRegistration<LinkHost> links;
    private ServiceRegistration<ServerConfiguration> configuration;
    private ServiceRegistration<ServerMonitor> monitor;
    private ServiceRegistration<SystemHost> system;
    private ServiceRegistration<AdmissionsChanged> admissions;
    private AuthenticatorTracker authenticators;
    private final List<ServiceRegistration<Runnable>> signals = new ArrayList<>();
    private Path pidFile;

    @Activate
    void activate(BundleContext context) {
        ServerOptions options;
        try {
            options = ServerOptions.load(arguments(context));
        } catch (ConfigException e) {
            LOG.error(MarkerFactory.getMarker("FATAL"), "{}", e.getMessage());
            stopFramework(context);
            return;
        }
        server = new NatsServer(options, () -> stopFramework(context), new LogControl(context));
        server.logStartup(context.getBundle().getVersion().toString());
        writePidFile(options);
        registration = context.registerService(TransportHost.class, server, null);
        NatsServer running = server;
        configuration = context.registerService(ServerConfiguration.class, running::options, null);
        monitor = context.registerService(ServerMonitor.class, server, null);
        system = context.registerService(SystemHost.class, server.system(), null);
        admissions = context.registerService(AdmissionsChanged.class, running::recheckClients, null);
        authenticators = new AuthenticatorTracker(context, server);
        authenticators.open();
        // links start once clients can connect, as nats-server starts routing after its client listener
        server.whenReady(() -> registerLinks(context));
        signals.add(context.registerService(Runnable.class, server::reload, signal("reload")));
        signals.add(context.registerService(Runnable.class,
                () -> server.enterLameDuckMode(() -> stopFramework(context)), signal("ldm")));
    }

    private synchronized void registerLinks(BundleContext context) {
        if (server != null) {
            links = context.registerService(LinkHost.class, new Links(server), null);
        }
    }

    private static Dictionary<String, Object> signal(String name) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("switchboard.signal", name);
        return props;
    }

    private void writePidFile(ServerOptions options) {
        if (options.pidFile().isEmpty()) {
            return;
        }
        pidFile = Path.of(options.pidFile());
        try {
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            LOG.error("Could not write pid file {}: {}", pidFile, e.getMessage());
            pidFile = null;
        }
    }

    private static String[] arguments(BundleContext context) {
        String args = context.getProperty(ARGS_PROPERTY);
        return args == null || args.isEmpty() ? new String[0] : args.split("\n", -1);
    }

    private static void stopFramework(BundleContext context) {
        try {
            context.getBundle(0).stop();
        } catch (BundleException e) {
            LOG.error("Could not stop: {}", e.getMessage());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (authenticators != null) {
            authenticators.close();
        }
        if (configuration != null) {
            configuration.unregister();
        }
        if (monitor != null) {
            monitor.unregister();
        }
        if (system != null) {
            system.unregister();
        }
        if (admissions != null) {
            admissions.unregister();
        }
        signals.forEach(ServiceRegistration::unregister);
        signals.clear();
        if (links != null) {
            links.unregister();
        }
        if (registration != null) {
            registration.unregister();
        }
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                LOG.warn("Could not remove pid file {}: {}", pidFile, e.getMessage());
            }
        }
        if (server != null) {
            server.shutdown();
            server = null;
        }
    }
}
