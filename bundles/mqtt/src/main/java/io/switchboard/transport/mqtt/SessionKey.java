package io.switchboard.transport.mqtt;

/** Sessions are told apart by account and client id: two accounts may have clients of the same id. */
record SessionKey(String account, String clientId) {

    @Override
    public String toString() {
        return clientId + (account.equals("$G") ? "" : " (account " + account + ")");
    }
}
