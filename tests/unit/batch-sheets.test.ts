import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { linesOfSheet } from '../../workers/batches/batch-lines';

/** A county's batch sheet as Excel saves it, read into lines: encodings, Chinese headers and words, dates. */
describe('a batch sheet', () => {
  const bytesOf = (data: Uint8Array) => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

  it('reads GBK and UTF-8 with a BOM alike, Chinese headers and kinds as the API’s fields and codes', () => {
    const csv = '类别,承办人,核查对象\r\n人口核查,王网格员,白乐桥村 12 号\r\n';
    const expected = [{ line: 2, fields: { kind: 'population', assignee: '王网格员', subject: '白乐桥村 12 号' } }];
    expect(linesOfSheet(bytesOf(new Uint8Array(iconv.encode(csv, 'gbk'))))).toEqual(expected);
    expect(linesOfSheet(bytesOf(new TextEncoder().encode(`\uFEFF${csv}`)))).toEqual(expected);
  });

  it('refuses bytes that are neither UTF-8 nor GBK, and a sheet without a kind column, by code', () => {
    expect(linesOfSheet(bytesOf(new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x0a, 0xff, 0xff])))).toEqual({ problem: 'batchEncoding' });
    expect(linesOfSheet(bytesOf(new TextEncoder().encode('核查对象\n某处\n')))).toEqual({ problem: 'batchNoKindColumn' });
  });

  it('reads an xlsx’s first sheet, a date cell as the wall time it shows and a dispute’s Chinese columns as the intake’s paths', async () => {
    const sheet = [
      ['类别', '纠纷类别', '发生时间', '当事人姓名', '当事人身份'].map((value) => ({ value })),
      [{ value: '纠纷登记' }, { value: '邻里纠纷' }, { value: new Date(Date.UTC(2026, 10, 20, 9, 30)), format: 'yyyy-mm-dd hh:mm' }, { value: '张三' }, { value: '申请人' }],
    ];
    const bytes = new Uint8Array(await (await writeXlsxFile(sheet as never).toBlob()).arrayBuffer());
    expect(linesOfSheet(bytesOf(bytes))).toEqual([
      { line: 2, fields: { kind: 'dispute', category: 'neighbour', occurredAt: '2026-11-20T09:30', parties: [{ name: '张三', role: 'applicant' }] } },
    ]);
  });
});
