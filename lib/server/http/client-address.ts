/** Set by the custom server on every request (any incoming value is overwritten): the peer address. */
export const CLIENT_ADDRESS_HEADER = 'x-signalboard-client-address';
