package io.switchboard.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Takes the logging options the core read from the configuration file (at start and on
 * reload), offered to the core as a plain {@code Consumer} service so that it needs no
 * package of ours: {@code debug}, {@code trace}, {@code logtime} (booleans) and
 * {@code logfile} (a path, empty for standard error).
 */
public final class LogSettingsService implements Consumer<Map<String, Object>> {

    /** The service property the core looks the service up by. */
    public static final Dictionary<String, Object> PROPERTIES = new Hashtable<>(Map.of("switchboard.logging", "settings"));

    private static final Logger LOG = LoggerFactory.getLogger(LogSettingsService.class);

    @Override
    public void accept(Map<String, Object> settings) {
        String file = String.valueOf(settings.getOrDefault("logfile", ""));
        try {
            LogSettings.apply(Boolean.TRUE.equals(settings.get("debug")), Boolean.TRUE.equals(settings.get("trace")),
                    !Boolean.FALSE.equals(settings.get("logtime")), file.isEmpty() ? null : Path.of(file));
        } catch (IOException e) {
            LOG.error("Error opening log file {}: {}", file, e.getMessage());
        }
    }
}
