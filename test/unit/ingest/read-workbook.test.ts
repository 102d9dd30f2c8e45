import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../scripts/ingest/read-workbook.ts';
import { declareDimension } from './awkward-inputs.ts';
import { tempDir, writeWorkbook } from './fixtures.ts';

describe('readWorkbook', () => {
  it('reads only the cells that exist, whatever dimension the sheet declares', async () => {
    const file = writeWorkbook(path.join(tempDir(), 'a.xlsx'), [
      {
        name: 'S',
        rows: [
          ['a', 'b', 'c'],
          [1, 2, 3]
        ]
      }
    ]);
    declareDimension(file, 'A1:XFD1048576');
    const [sheet] = (await readWorkbook(file)).sheets;
    expect(sheet.values).toEqual([
      ['a', 'b', 'c'],
      [1, 2, 3]
    ]);
  });
});
