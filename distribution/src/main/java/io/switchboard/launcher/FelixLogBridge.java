package io.switchboard.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/** Sends the framework's own messages to the broker log instead of standard output. */
final class FelixLogBridge extends Logger {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("io.switchboard.framework");

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String text = bundle == null ? msg : bundle.getSymbolicName() + ": " + msg;
        String cause = throwable == null ? "" : " (" + throwable + ")";
        switch (level) {
            case LOG_ERROR -> LOG.error("{}{}", text, cause);
            case LOG_WARNING -> LOG.warn("{}{}", text, cause);
            case LOG_INFO -> LOG.info("{}", text);
            default -> LOG.debug("{}", text);
        }
    }
}
