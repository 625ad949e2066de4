/** The connection string of the store process of `npm start` on port (no password: loopback only). */
export const storeUrl = (port: number): string => `postgres://postgres@127.0.0.1:${port}/postgres`;
