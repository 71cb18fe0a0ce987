package io.switchboard.transport.websocket;

/**
 * What a client's handshake settled for its connection.
 *
 * @param compress permessage-deflate, without context takeover either way
 * @param masked whether the client masks its frames (it may ask not to with {@code Nats-No-Masking})
 * @param maxFrameSize the largest frame payload sent to it, 0 for no limit; browsers do better with
 *     4 KiB frames
 * @param fragmentCompressed whether a compressed message larger than {@code maxFrameSize} may be sent in
 *     fragments; Safari cannot take them
 */
record Negotiated(boolean compress, boolean masked, int maxFrameSize, boolean fragmentCompressed) {

    static final int BROWSER_FRAME_SIZE = 4096;

    /** From the request's headers, with compression only where the server offers it. */
    static Negotiated of(boolean compressionOffered, String extensions, String noMasking, String userAgent) {
        boolean compress = compressionOffered && offersDeflate(extensions);
        boolean browser = userAgent != null && userAgent.startsWith("Mozilla/");
        boolean safari = browser && userAgent.contains("Version/") && userAgent.contains("Safari/");
        return new Negotiated(compress, !"true".equals(noMasking), browser ? BROWSER_FRAME_SIZE : 0, !safari);
    }

    private static boolean offersDeflate(String extensions) {
        if (extensions == null) {
            return false;
        }
        for (String extension : extensions.split(",")) {
            for (String parameter : extension.split(";")) {
                if (parameter.strip().equalsIgnoreCase("permessage-deflate")) {
                    return true;
                }
            }
        }
        return false;
    }
}
