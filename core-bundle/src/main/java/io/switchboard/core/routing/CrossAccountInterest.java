package io.switchboard.core.routing;

/**
 * Interest the server holds in an account on behalf of another (imports and the responses owed
 * to them): it counts as this server's own for the links, but is no subscription of the account.
 */
interface CrossAccountInterest extends Interest {
}
