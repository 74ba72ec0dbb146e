import { describe, expect, it } from 'vitest';
import { BarChart } from '../../workers/board/svg-charts';
import { readClock } from '../../domain/clocks/clock-reading';
import { clockLeft, spanWords } from '../../workers/board/time-left';

describe('time left on a clock', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');
  /** A running clock due at `dueAt`, as the board says its time left. */
  const timeLeft = (dueAt: string, at: Date, lang: 'zh-CN' | 'en') => clockLeft(readClock({ dueAt, reported: 'running', paused: false }, at.getTime()), lang);

  it('says how long is left, or how long it is late, in its two largest units', () => {
    expect(timeLeft('2026-11-24T13:05:00.000Z', now, 'zh-CN')).toEqual({ late: false, text: '还剩 1 天 3 小时' });
    expect(timeLeft('2026-11-23T09:35:00.000Z', now, 'zh-CN')).toEqual({ late: true, text: '已超期 25 分钟' });
    expect(timeLeft('2026-11-23T12:00:00.000Z', now, 'en').text).toBe('2 h left');
  });

  it('says "under a minute" rather than zero', () => {
    expect(spanWords(30_000, 'zh-CN')).toBe('不到 1 分钟');
    expect(timeLeft('2026-11-23T09:59:30.000Z', now, 'en')).toEqual({ late: true, text: 'under a minute late' });
  });
});

describe('a bar chart drawn on the server', () => {
  it('draws a bar per item with its label, its number and a title, and the same numbers as a table', async () => {
    const chart = BarChart({ id: 'test', lang: 'zh-CN', title: '各所超期案件', bars: [{ label: '灵隐派出所', value: 3, tone: 'late' }, { label: '北山派出所', value: 0 }] });
    const html = (await chart.toString()) as string;
    expect(html).toContain('role="img"');
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toContain('<title>灵隐派出所：3</title>');
    expect(html).toMatch(/<text[^>]*class="bar-value"[^>]*>3<\/text>/);
    expect(html).toContain('<th scope="row">北山派出所</th><td>0</td>');
    expect(html).toContain('class="bar late"');
  });
});
