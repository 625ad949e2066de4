import { pino, type Logger } from 'pino';

/** One JSON line per event; `msg` is the readable part. */
export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { name }, timestamp: pino.stdTimeFunctions.isoTime });
}
