// Tests only: the shipped edition files, read once, and the 2023 办法 among them (宝府规〔2023〕3号).
import { editionById, type RulesEdition } from '../domain/edition.js';
import { readEditionsDir } from './editions.js';

/** Every edition file of editions/, oldest first. */
export const SHIPPED_EDITIONS: readonly RulesEdition[] = readEditionsDir();

/** The 2023 办法, from editions/2023.json. */
export const EDITION_2023: RulesEdition = editionById('2023', SHIPPED_EDITIONS);
