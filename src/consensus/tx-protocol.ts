// Its own module so that terminals, which only submit transactions (client.ts), do not load the
// whole PBFT component.
export const TX_PROTOCOL = '/gridauth/tx/1.0.0'
