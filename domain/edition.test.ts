import { EDITION_2023, SHIPPED_EDITIONS } from '../config/test-editions.js';
import { editionById, editionInForce, shanghaiDate } from './edition.js';

describe('editionInForce — Art. 28', () => {
  it.each<[string, string | undefined]>([
    ['2023-04-26', undefined],
    ['2023-04-27', '2023'], // applied (参照执行) from 27 April
    ['2023-07-31', '2023'],
    ['2023-08-01', '2023'], // in force from 1 August 2023
    ['2026-11-28', '2023'],
    ['2028-07-31', '2023'], // valid until 31 July 2028
    ['2028-08-01', undefined],
  ])('on %s the edition is %s', (date, id) => {
    // Given a day around the window of the 2023 办法
    // When the edition in force is asked
    // Then it is the 2023 edition exactly inside the window
    expect(editionInForce(date, SHIPPED_EDITIONS)?.id).toBe(id);
  });

  it('reads an instant in Shanghai time', () => {
    // Given 2028-07-31T16:30Z, already 1 August in Shanghai
    const instant = new Date('2028-07-31T16:30:00Z');
    // Then the Shanghai date is 1 August and no edition applies
    expect(shanghaiDate(instant)).toBe('2028-08-01');
    expect(editionInForce(instant, SHIPPED_EDITIONS)).toBeUndefined();
    // and eight hours earlier the 2023 edition still does
    expect(editionInForce(new Date('2028-07-31T08:30:00Z'), SHIPPED_EDITIONS)).toBe(EDITION_2023);
  });

  it('holds the Art. 7 quotas, Art. 19 caps and Art. 18 (7) publicity minimum of the 2023 办法', () => {
    // Given the 2023 edition, then its numbers are those of the text
    expect(EDITION_2023.quotas).toEqual({
      'district-head': { model: 2, achievement: 1 },
      gold: { model: 10, achievement: 2 },
    });
    expect(EDITION_2023.prizeCaps).toEqual({
      'district-head': { model: 500_000, achievement: 20_000 },
      gold: { model: 100_000, achievement: 10_000 },
    });
    expect(EDITION_2023.publicityMinWorkingDays).toBe(5);
    // and it cannot be changed at run time
    expect(Object.isFrozen(EDITION_2023.quotas.gold)).toBe(true);
  });

  it('finds an edition by id or names the known ones, never falling back to another', () => {
    expect(editionById('2023', SHIPPED_EDITIONS)).toBe(EDITION_2023);
    expect(() => editionById('2030', SHIPPED_EDITIONS)).toThrow(
      '办法版本 2030 不存在或未经审定委员会审议通过（已有：2023）',
    );
    expect(() => editionById('2023', [])).toThrow('（已有：无）');
  });
});
