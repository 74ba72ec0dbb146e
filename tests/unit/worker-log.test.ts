import { describe, expect, it } from 'vitest';
import { workerLog } from '../../workflows/worker-log';

describe('the worker’s log', () => {
  it('writes JSON lines with the SDK’s metadata as fields, and nothing below the level asked for', () => {
    const lines: string[] = [];
    const { log, sdkLogger } = workerLog({ write: (line: string) => void lines.push(line) });
    const sdk = sdkLogger('WARN');
    sdk.info('workflow task completed', { workflowId: 'case-1' });
    sdk.warn('reports refused', { workflowId: 'case-1', requestId: 'req-7', seqs: [3, 4] });
    log.info({ taskQueue: 'fengqiao-cases' }, 'case worker polling');
    const read = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(read).toHaveLength(2);
    expect(read[0]).toMatchObject({ level: 40, msg: 'reports refused', service: 'fengqiao-worker', workflowId: 'case-1', requestId: 'req-7', seqs: [3, 4] });
    expect(read[1]).toMatchObject({ level: 30, msg: 'case worker polling', taskQueue: 'fengqiao-cases' });
  });
});
