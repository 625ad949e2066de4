// Art. 28: the edition files of the 办法 (editions/<id>.json), read once at start-up and passed on to the
// server and the workers (domain/edition.ts stays pure: it reads no file).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { orderEditions, parseEdition, type RulesEdition } from '../domain/edition.js';

/** The folder of the edition files: `editions/` beside `config/` (and `dist/editions` when built). */
export const EDITIONS_DIR = fileURLToPath(new URL('../editions/', import.meta.url));

/** Art. 28: reads and validates every `<id>.json` of the folder, oldest first; a bad file stops the program. */
export function readEditionsDir(dir: string = EDITIONS_DIR): RulesEdition[] {
  const files = readdirSync(dir).filter((f) => /^[A-Za-z0-9-]+\.json$/.test(f));
  return orderEditions(
    files.map((f) => {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      } catch (err) {
        throw new Error(`办法版本文件 editions/${f} 不是合法的 JSON：${(err as Error).message}`);
      }
      const edition = parseEdition(data, `editions/${f}`);
      if (`${edition.id}.json` !== f) throw new Error(`办法版本文件 editions/${f} 中的 id 是 ${edition.id}`);
      return edition;
    }),
  );
}

let shipped: readonly RulesEdition[] | undefined;
/** The edition files of editions/, read on first use (scripts that run a whole cycle, e.g. the simulation). */
export const shippedEditions = (): readonly RulesEdition[] => (shipped ??= readEditionsDir());
