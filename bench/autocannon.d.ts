// autocannon ships no types; the bench uses a small part of its API.
declare module 'autocannon' {
  interface Instance {
    on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  }
  function autocannon(opts: Record<string, unknown>, cb: (err: Error | null, result: Record<string, unknown>) => void): Instance;
  export default autocannon;
}
