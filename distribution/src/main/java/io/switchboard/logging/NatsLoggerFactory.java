package io.switchboard.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

final class NatsLoggerFactory implements ILoggerFactory {

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final NatsLogFormat format = new NatsLogFormat();

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new NatsLogger(n, format));
    }
}
