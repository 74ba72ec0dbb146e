import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkGridRows } from '../../domain/grid-import';
import { moveRefusal, movedPath, retireRefusal, type Place } from '../../domain/jurisdiction-changes';
import { decodeText, parseCsv, readGridSheet } from '../../workers/admin/grid-sheet';

const place = (code: string, level: Place['level'], path: string, retiredAt: string | null = null): Place => ({ code, level, path, parentCode: null, retiredAt });
const admin = { jurisdictionPath: '/XH/' };
const tree = [
  place('XH', 'county', '/XH/'),
  place('XH-LY', 'station', '/XH/XH-LY/'),
  place('XH-BS', 'station', '/XH/XH-BS/'),
  place('XH-LY-BLQ', 'community', '/XH/XH-LY/XH-LY-BLQ/'),
  place('XH-BS-SG', 'community', '/XH/XH-BS/XH-BS-SG/', '2026-01-01T00:00:00Z'),
  place('XH-LY-BLQ-01', 'grid', '/XH/XH-LY/XH-LY-BLQ/XH-LY-BLQ-01/'),
  place('YH-GC', 'community', '/YH/YH-GC/YH-GC/'),
];
const byCode = (code: string) => tree.find((item) => item.code === code);

describe('changing the tree', () => {
  it('moves a place below a parent of the level its old one had, never below a grid cell, a retired place or outside', () => {
    const cell = byCode('XH-LY-BLQ-01')!;
    expect(moveRefusal(admin, cell, byCode('XH-LY-BLQ'))).toBeUndefined();
    expect(moveRefusal(admin, cell, byCode('XH-LY'))).toBe('parentLevelMismatch');
    expect(moveRefusal(admin, byCode('XH-LY-BLQ')!, cell)).toBe('gridHasNoChildren');
    expect(moveRefusal(admin, cell, byCode('XH-BS-SG'))).toBe('parentRetired');
    expect(moveRefusal(admin, cell, byCode('YH-GC'))).toBe('jurisdictionUnknown');
    expect(moveRefusal(admin, cell, undefined)).toBe('jurisdictionUnknown');
    expect(moveRefusal(admin, byCode('XH')!, byCode('XH-LY'))).toBe('ownJurisdiction');
  });

  it('rewrites the paths at and below a moved place, and no others', () => {
    expect(movedPath('/XH/XH-LY/XH-LY-BLQ/XH-LY-BLQ-01/', '/XH/XH-LY/XH-LY-BLQ/', '/XH/XH-BS/XH-LY-BLQ/')).toBe('/XH/XH-BS/XH-LY-BLQ/XH-LY-BLQ-01/');
    expect(movedPath('/XH/XH-LY/XH-LY-BLQX/', '/XH/XH-LY/XH-LY-BLQ/', '/XH/XH-BS/XH-LY-BLQ/')).toBe('/XH/XH-LY/XH-LY-BLQX/');
  });

  it('retires a place only once nothing below it and no one at it is still in use', () => {
    const community = byCode('XH-LY-BLQ')!;
    expect(retireRefusal(admin, community, { activeChildren: 1, activeUsers: 0 })).toBe('hasActiveChildren');
    expect(retireRefusal(admin, community, { activeChildren: 0, activeUsers: 2 })).toBe('hasActiveUsers');
    expect(retireRefusal(admin, community, { activeChildren: 0, activeUsers: 0 })).toBeUndefined();
    expect(retireRefusal(admin, byCode('XH-BS-SG')!, { activeChildren: 0, activeUsers: 0 })).toBe('placeRetired');
    expect(retireRefusal(admin, byCode('XH')!, { activeChildren: 0, activeUsers: 0 })).toBe('ownJurisdiction');
  });
});

describe('checking an import’s rows', () => {
  it('gives every row its result, in the file’s order', () => {
    const rows = [
      { line: 2, code: 'XH-LY-BLQ-05', name: '第五网格', parentCode: 'XH-LY-BLQ' },
      { line: 3, code: 'XH-LY-BLQ-05', name: '又一个', parentCode: 'XH-LY-BLQ' },
      { line: 4, code: 'XH-LY-BLQ-01', name: '已有', parentCode: 'XH-LY-BLQ' },
      { line: 5, code: 'A', name: '太短', parentCode: 'XH-LY-BLQ' },
      { line: 6, code: 'XH-LY-06', name: '', parentCode: 'XH-LY' },
      { line: 7, code: 'XH-LY-07', name: '站下', parentCode: 'XH-LY' },
      { line: 8, code: 'XH-BS-SG-01', name: '撤销的社区下', parentCode: 'XH-BS-SG' },
      { line: 9, code: 'YH-GC-01', name: '别县', parentCode: 'YH-GC' },
    ];
    expect(checkGridRows(admin, rows, byCode).map((row) => (row.result === 'add' ? 'add' : row.reason))).toEqual([
      'add',
      'duplicateInFile',
      'codeTaken',
      'codeMalformed',
      'nameEmpty',
      'parentNotCommunity',
      'parentRetired',
      'parentUnknown',
    ]);
  });
});

describe('reading a county’s sheet', () => {
  const csv = '网格编码,网格名称,所属社区编码\r\nXH-LY-BLQ-05,"第五网格, 东",XH-LY-BLQ\r\n\r\nXH-LY-BLQ-06,"说""六""",XH-LY-BLQ\r\n';
  const expected = [
    { line: 2, code: 'XH-LY-BLQ-05', name: '第五网格, 东', parentCode: 'XH-LY-BLQ' },
    { line: 4, code: 'XH-LY-BLQ-06', name: '说"六"', parentCode: 'XH-LY-BLQ' },
  ];

  it('reads UTF-8 with or without a BOM, and GBK', () => {
    expect(readGridSheet(new TextEncoder().encode(csv))).toEqual({ rows: expected });
    expect(readGridSheet(new TextEncoder().encode(`\uFEFF${csv}`))).toEqual({ rows: expected });
    expect(readGridSheet(new Uint8Array(iconv.encode(csv, 'gbk')))).toEqual({ rows: expected });
    expect(decodeText(new Uint8Array(iconv.encode('白乐桥村', 'gbk')))).toBe('白乐桥村');
    expect(parseCsv('a,b\nc')).toEqual([['a', 'b'], ['c']]);
  });

  it('takes 上级编码 for the community, and names the headers a sheet lacks', () => {
    expect(readGridSheet(new TextEncoder().encode('上级编码,网格名称,网格编码\nXH-LY-BLQ,甲,XH-LY-BLQ-07\n'))).toEqual({ rows: [{ line: 2, code: 'XH-LY-BLQ-07', name: '甲', parentCode: 'XH-LY-BLQ' }] });
    expect(readGridSheet(new TextEncoder().encode('网格编码,名字\nA,B\n'))).toEqual({ problem: 'importHeadersMissing', missing: ['网格名称', '所属社区编码'] });
    expect(readGridSheet(new TextEncoder().encode('网格编码,网格名称,所属社区编码\n'))).toEqual({ problem: 'importEmpty' });
  });

  it('reads the first sheet of an xlsx: shared strings, inline strings, numbers, skipped cells', () => {
    const xlsx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="网格" sheetId="1" r:id="rId1"/><sheet name="其他" sheetId="2" r:id="rId2"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId2" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/sharedStrings.xml': strToU8('<sst><si><t>网格编码</t></si><si><t>网格名称</t></si><si><r><t>所属</t></r><r><t>社区编码</t></r></si><si><t>第五网格 &amp; 东</t></si></sst>'),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData>' +
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
          '<row r="3"><c r="A3" t="inlineStr"><is><t>XH-LY-BLQ-05</t></is></c><c r="B3" t="s"><v>3</v></c><c r="C3" t="str"><v>XH-LY-BLQ</v></c></row>' +
          '<row r="4"><c r="A4"><v>100101</v></c><c r="C4" t="inlineStr"><is><t>XH-LY-BLQ</t></is></c></row>' +
          '</sheetData></worksheet>',
      ),
      'xl/worksheets/sheet2.xml': strToU8('<worksheet><sheetData/></worksheet>'),
    });
    expect(readGridSheet(xlsx)).toEqual({
      rows: [
        { line: 3, code: 'XH-LY-BLQ-05', name: '第五网格 & 东', parentCode: 'XH-LY-BLQ' },
        { line: 4, code: '100101', name: '', parentCode: 'XH-LY-BLQ' },
      ],
    });
    expect(readGridSheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({ problem: 'importUnreadable' });
  });
});
