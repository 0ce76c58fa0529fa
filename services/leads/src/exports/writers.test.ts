import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { csvStream } from './csv.ts';
import { attachment } from './disposition.ts';
import type { Cell, SheetSource } from './sheet.ts';
import { wallClock } from './sheet.ts';
import { xlsxStream } from './xlsx.ts';

/** A sheet of `pages` pages of two rows; `failAfter` pages, the source throws. */
function sheet(name: string, pages: number, failAfter = Number.POSITIVE_INFINITY) {
  const read = { pages: 0 };
  const source: SheetSource = {
    name,
    columns: [
      { header: '名称', kind: 'text', width: 10 },
      { header: '金额(元)', kind: 'money', width: 12 },
    ],
    pages: (async function* () {
      for (let p = 0; p < pages; p++) {
        if (p >= failAfter) throw new Error('the store went away');
        read.pages++;
        yield [[`第${p}页甲`, p * 100] as Cell[], [`第${p}页乙`, undefined] as Cell[]];
      }
    })(),
  };
  return { source, read };
}

const readAll = async (stream: ReadableStream<Uint8Array>) =>
  Buffer.from(await new Response(stream).arrayBuffer());

describe('xlsx writer', () => {
  it('writes one sheet after the other, each from its row source', async () => {
    const onError = vi.fn();
    const bytes = await readAll(
      xlsxStream([sheet('甲表', 2).source, sheet('乙表', 1).source], { createdAt: new Date(), onError }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['甲表', '乙表']);
    const first = workbook.getWorksheet('甲表');
    expect(first?.getRow(1).values).toEqual([undefined, '名称', '金额(元)']);
    expect(first?.getRow(1).font?.bold).toBe(true);
    expect(first?.rowCount).toBe(5);
    expect(first?.getRow(4).getCell(2).value).toBe(100);
    expect(first?.getRow(4).getCell(2).numFmt).toBe('#,##0.00');
    expect(first?.getRow(5).getCell(2).value).toBeNull();
    expect(onError).not.toHaveBeenCalled();
  });

  it('cuts the download off when a source fails midway, and says so', async () => {
    const onError = vi.fn();
    const stream = xlsxStream([sheet('表', 3, 1).source], { createdAt: new Date(), onError });
    await expect(readAll(stream)).rejects.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'the store went away' }));
  });
});

describe('xlsx writer, cancelled', () => {
  it('stops reading the source when the client goes away', async () => {
    const onError = vi.fn();
    const { source, read } = sheet('表', 1_000);
    const slow: SheetSource = {
      ...source,
      pages: (async function* () {
        for await (const page of source.pages) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          yield page;
        }
      })(),
    };
    const reader = xlsxStream([slow], { createdAt: new Date(), onError }).getReader();
    await reader.read();
    await reader.cancel();
    const before = read.pages;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read.pages).toBeLessThan(1_000);
    expect(read.pages - before).toBeLessThanOrEqual(2);
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('CSV writer', () => {
  it('stops reading the source when the client goes away', async () => {
    const onError = vi.fn();
    const { source, read } = sheet('表', 100);
    const reader = csvStream(source, onError).getReader();
    const first = await reader.read();
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(first.value)).toBe('\uFEFF名称,金额(元)\r\n');
    await reader.read();
    await reader.cancel();
    expect(read.pages).toBeLessThan(5);
    expect(onError).not.toHaveBeenCalled();
  });

  it('errors the download when a source fails midway, and says so', async () => {
    const onError = vi.fn();
    await expect(readAll(csvStream(sheet('表', 3, 1).source, onError))).rejects.toThrow(
      'the store went away',
    );
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('file names and dates', () => {
  it('gives an ASCII filename and the Chinese one as RFC 5987 filename*', () => {
    expect(attachment('leads_city_2026-11-02.xlsx', "线索(全市)'s*.xlsx")).toBe(
      'attachment; filename="leads_city_2026-11-02.xlsx"; ' +
        "filename*=UTF-8''%E7%BA%BF%E7%B4%A2%28%E5%85%A8%E5%B8%82%29%27s%2A.xlsx",
    );
    expect(attachment('a"b\\c线.csv', 'x.csv')).toContain('filename="a_b_c_.csv"');
  });

  it('shows instants as the Asia/Shanghai wall clock', () => {
    // 23:30 UTC on 31 October is 07:30 on 1 November in Shanghai.
    expect(wallClock('2026-10-31T23:30:00.000Z', 'date')).toEqual(new Date('2026-11-01T00:00:00.000Z'));
    expect(wallClock('2026-10-31T23:30:45.000Z', 'datetime')).toEqual(new Date('2026-11-01T07:30:00.000Z'));
    expect(wallClock('2026-10-15', 'date')).toEqual(new Date('2026-10-15T00:00:00.000Z'));
    expect(wallClock('soon', 'date')).toBeUndefined();
  });
});
