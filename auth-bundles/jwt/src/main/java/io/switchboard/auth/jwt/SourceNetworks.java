package io.switchboard.auth.jwt;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A user JWT's {@code src}: the networks, in CIDR notation, a user may connect from; none means anywhere. */
record SourceNetworks(List<Network> networks) {

    record Network(byte[] prefix, int bits) {

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            int unused = candidate.length * 8 - bits;
            return new BigInteger(1, candidate).shiftRight(unused).equals(new BigInteger(1, prefix).shiftRight(unused));
        }
    }

    static SourceNetworks read(ClaimMap fields) throws InvalidJwtException {
        List<Network> networks = new ArrayList<>();
        for (String cidr : fields.strings("src")) {
            networks.add(network(cidr.trim()));
        }
        return new SourceNetworks(networks);
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }

    boolean admits(InetAddress address) {
        return networks.isEmpty() || (address != null && networks.stream().anyMatch(n -> n.contains(address)));
    }

    private static Network network(String cidr) throws InvalidJwtException {
        int slash = cidr.indexOf('/');
        try {
            if (slash < 0 || !cidr.substring(0, slash).matches("[0-9a-fA-F.:]+")) {
                throw new NumberFormatException();
            }
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > prefix.length * 8) {
                throw new NumberFormatException();
            }
            return new Network(prefix, bits);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new InvalidJwtException("invalid cidr \"" + cidr + "\" in user src limits");
        }
    }
}
