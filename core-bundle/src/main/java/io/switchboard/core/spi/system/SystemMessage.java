package io.switchboard.core.spi.system;

/**
 * One message an internal subscription took, copied out of the publisher's buffers.
 *
 * @param subject the subject it was published to
 * @param reply the reply subject, null when none
 * @param headers the header block, empty when none
 * @param payload the payload without headers
 */
public record SystemMessage(String subject, String reply, byte[] headers, byte[] payload) {
}
