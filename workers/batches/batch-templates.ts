import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import { t } from '../i18n/messages';
import { toCsv } from '../cases/csv';
import { batchColumns, instructionColumns } from './batch-columns';
import type { DirectoryEntry } from './assignee-directory';
import { xlsxType } from './batch-lines';

/**
 * The sheets a county fills: the instruction columns under their Chinese headers, and two example lines naming real
 * people of the supervisor's jurisdiction, so the template uploaded as it is previews without a refusal. Chinese
 * whatever the page's language: the sheet is for the station's PC, and the reader takes English headers as well.
 */
const headers = instructionColumns.map((column) => batchColumns[column][0]);

function exampleLines(people: readonly DirectoryEntry[]): string[][] {
  const kinds = ['population', 'anti_fraud'] as const;
  const subjects = [t('zh-CN', 'batch.templateExample'), '灵隐路 3 号 独居老人反诈走访'];
  const notes = ['', '带宣传册'];
  return people.slice(0, 2).map((person, index) => {
    // A place is written only where the name alone would not tell who is meant.
    const shared = people.filter((other) => other.name === person.name).length > 1;
    const cells: Record<(typeof instructionColumns)[number], string> = {
      kind: t('zh-CN', `instructionKind.${kinds[index]!}`),
      assignee: person.name,
      assigneePlace: shared ? person.jurisdictionName : '',
      assigneeId: '',
      subject: subjects[index]!,
      note: notes[index]!,
    };
    return instructionColumns.map((column) => cells[column]);
  });
}

const fileName = (extension: string) => `attachment; filename="batch-template.${extension}"; filename*=UTF-8''${encodeURIComponent(`核查指令模板.${extension}`)}`;

/** The CSV template: UTF-8 with a byte-order mark, which Excel opens with its Chinese intact. */
export const csvTemplate = (people: readonly DirectoryEntry[]) => ({
  body: toCsv(headers, exampleLines(people)),
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': fileName('csv') },
});

/** The xlsx template: the instructions on the first sheet (the one read back), the people to name on the second. */
export async function xlsxTemplate(people: readonly DirectoryEntry[]) {
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const instructions: SheetData = [headers.map(bold), ...exampleLines(people)];
  const directory: SheetData = [
    ['batch.directoryName', 'batch.directoryPlace', 'batch.directoryRole', 'batch.directoryId'].map((key) => bold(t('zh-CN', key as 'batch.directoryName'))),
    ...people.map((person) => [person.name, person.jurisdictionName, t('zh-CN', `page.role.${person.role}`), person.id]),
  ];
  const blob = await writeXlsxFile([
    { data: instructions, sheet: t('zh-CN', 'batch.templateSheet'), columns: [12, 12, 16, 18, 40, 24].map((width) => ({ width })), stickyRowsCount: 1 },
    { data: directory, sheet: '承办人名单', columns: [12, 20, 10, 22].map((width) => ({ width })), stickyRowsCount: 1 },
  ]).toBlob();
  return { body: await blob.arrayBuffer(), headers: { 'content-type': xlsxType, 'content-disposition': fileName('xlsx') } };
}
