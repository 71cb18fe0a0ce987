package io.switchboard.core.spi.monitor;

import java.util.Map;

/**
 * Counters a transport bundle keeps of its own, such as what it refused, dropped or cut, which a
 * monitor shows beside what the core counts: as extra fields of that transport's object in
 * {@code /varz} (when the transport is configured) and so in {@code /metrics}. A transport
 * registers it as a service; it may come and go with its bundle.
 */
public interface TransportCounters {

    /** The transport, named as its object in {@code /varz}: {@code mqtt}. */
    String transport();

    /** Each counter by its field name ({@code snake_case}, as {@code /varz} spells fields), in a stable order. */
    Map<String, Long> counters();
}
