package io.switchboard.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Builds {@link ServerOptions} in nats-server's order: the configuration file, then the flags given
 * explicitly, then the defaults for whatever is still unset.
 */
final class OptionsLoader {

    private OptionsLoader() {
    }

    static ServerOptions load(CommandLine commandLine, Map<String, String> environment) {
        boolean leavesEarly = commandLine.helpRequested() || commandLine.versionRequested()
                || commandLine.tlsHelpRequested() || commandLine.signal().isPresent();
        Path file = leavesEarly ? null : commandLine.configFile().orElse(null);
        if (!leavesEarly && file == null && commandLine.checkConfig()) {
            throw new ConfigException("must specify [-c, --config] option to check configuration file syntax");
        }
        ConfigTree config = file == null
                ? ConfigTree.empty(new Position("", 1, 1))
                : new ConfParser(environment).parseFile(file);
        OptionsDraft draft = new OptionsDraft();
        ConfigFileReader.read(config, draft);
        FlagOverrides.apply(commandLine, draft);
        checkRoutesHaveCluster(commandLine, config);
        return draft.toOptions(file == null ? "" : file.toString(), config, commandLine);
    }

    private static void checkRoutesHaveCluster(CommandLine commandLine, ConfigTree config) {
        boolean routes = commandLine.string("routes").filter(text -> !text.isEmpty()).isPresent();
        boolean clusterFlag = commandLine.string("cluster").filter(text -> !text.isEmpty()).isPresent();
        if (routes && !clusterFlag && !clusterListens(config)) {
            throw new ConfigException("solicited routes require cluster capabilities, e.g. --cluster");
        }
    }

    private static boolean clusterListens(ConfigTree config) {
        return config.lookup("cluster")
                .filter(entry -> entry.value().is(ConfigValue.Kind.MAP))
                .map(entry -> entry.value().asTree())
                .map(cluster -> cluster.lookup("listen").isPresent()
                        || cluster.lookup("host", "net").filter(OptionsLoader::nonEmptyString).isPresent()
                        || cluster.lookup("port").filter(OptionsLoader::nonZeroInteger).isPresent())
                .orElse(false);
    }

    private static boolean nonEmptyString(ConfigTree.Entry entry) {
        return entry.value().is(ConfigValue.Kind.STRING) && !entry.value().asString().isEmpty();
    }

    private static boolean nonZeroInteger(ConfigTree.Entry entry) {
        return entry.value().is(ConfigValue.Kind.INTEGER) && entry.value().asLong() != 0;
    }
}
