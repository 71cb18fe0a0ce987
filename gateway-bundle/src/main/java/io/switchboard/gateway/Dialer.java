package io.switchboard.gateway;

import io.switchboard.core.spi.link.LinkUrl;

import java.util.concurrent.CompletionStage;

/** Opens a connection to one URL of a remote gateway; completes once connected, or with the failure. */
@FunctionalInterface
interface Dialer {

    CompletionStage<?> dial(RemoteGateway remote, LinkUrl url);
}
