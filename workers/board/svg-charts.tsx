import { t, type Lang } from '../i18n/messages';

/**
 * Charts drawn on the server as SVG: a bar is a `<rect>`, every bar carries its words and its number as text (not
 * only its length or colour) and a `<title>` for a pointer. To a screen reader a chart is one named image; the same
 * numbers stand in a table below, each row leading to the board's cases it counts, for anyone who would rather read
 * them, follow them or copy them into a report. Links inside the image would be controls nested in an image, each
 * bar's name read twice.
 */
export interface Bar {
  label: string;
  value: number;
  /** The number as written beside the bar ("92%", "3 / 4"); the value itself when left out. */
  shown?: string;
  /** Where the bar leads: the board filtered to the cases it counts. */
  href?: string;
  /** Marks a bar that counts something late, in words as well as in colour. */
  tone?: 'late';
}

const width = 400;
const labelLine = 20;
const barHeight = 18;
const rowHeight = labelLine + barHeight + 12;
/** The least room kept at the bars' end for their numbers, and the gap between a bar and its number. */
const valueRoom = 70;
const valueGap = 6;

/**
 * How far a text in the charts' 14-px type runs, in the drawing's units, erring long: a Chinese character is a full
 * em, anything else most of one. The drawing scales with the screen, so what fits here fits on a phone as on a desk.
 */
const textWidth = (text: string) => [...text].reduce((sum, char) => sum + (char.codePointAt(0)! >= 0x2e80 ? 14 : 10), 0);

/** A label cut to the drawing's width with an ellipsis: the bar's title and the table below say it whole. */
function fitted(text: string, room: number) {
  if (textWidth(text) <= room) return text;
  const chars = [...text];
  while (chars.length && textWidth(`${chars.join('')}…`) > room) chars.pop();
  return `${chars.join('')}…`;
}

const lengthOf = (value: number, max: number, room: number) => (max > 0 ? Math.max(value > 0 ? 2 : 0, Math.round((value / max) * room)) : 0);

/** The chart's numbers as a table: what the bars say, in rows and columns. */
function ChartTable({ lang, bars, caption }: { lang: Lang; bars: readonly Bar[]; caption: string }) {
  return (
    <details class="chart-data">
      <summary>{t(lang, 'chart.showTable')}</summary>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'chart.item')}</th>
            <th scope="col">{t(lang, 'chart.value')}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr>
              <th scope="row">{bar.href ? <a href={bar.href}>{bar.label}</a> : bar.label}</th>
              <td>{bar.shown ?? String(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** A chart's caption and what it counts, named so the drawing can point at both. */
function ChartHeading({ id, title, description }: { id: string; title: string; description?: string }) {
  return (
    <>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {description ? (
        <p class="hint" id={`${id}-desc`}>
          {description}
        </p>
      ) : null}
    </>
  );
}
const labelledBy = (id: string, description?: string) => `${id}-title${description ? ` ${id}-desc` : ''}`;

/**
 * One bar per row, its label above it and its number at its end: reads on a 360-px phone as on a desktop. The
 * longest bar leaves room for the widest number, so a long one ("92%（化解 12，在办 3）") stays inside the drawing.
 */
export function BarChart({ id, lang, title, description, bars, max }: { id: string; lang: Lang; title: string; description?: string; bars: readonly Bar[]; max?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((bar) => bar.value));
  const height = Math.max(bars.length, 1) * rowHeight + 4;
  const room = width - Math.max(valueRoom, ...bars.map((bar) => valueGap + textWidth(bar.shown ?? String(bar.value))));
  return (
    <figure class="chart" data-chart={id}>
      <ChartHeading id={id} title={title} description={description} />
      {bars.length ? (
        <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={labelledBy(id, description)}>
          <title>{title}</title>
          {bars.map((bar, index) => {
            const y = index * rowHeight;
            const length = lengthOf(bar.value, top, room);
            const shown = bar.shown ?? String(bar.value);
            return (
              <g class={bar.tone === 'late' ? 'bar late' : 'bar'} data-label={bar.label} data-value={bar.value}>
                <title>{t(lang, 'chart.barTitle', { label: bar.label, value: shown })}</title>
                <text x="0" y={y + 15} class="bar-label">
                  {fitted(bar.label, width)}
                </text>
                <rect x="0" y={y + labelLine} width={length} height={barHeight} rx="2" />
                <text x={length + valueGap} y={y + labelLine + 14} class="bar-value">
                  {shown}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <p class="muted">{t(lang, 'chart.empty')}</p>
      )}
      {bars.length ? <ChartTable lang={lang} bars={bars} caption={title} /> : null}
    </figure>
  );
}

const columnsHeight = 180;
const axisRoom = 24;
const valueLine = 18;

/** Columns over time, left to right: a weekly trend. Each column has its number above it and its period below. */
export function ColumnChart({ id, lang, title, description, bars }: { id: string; lang: Lang; title: string; description?: string; bars: readonly Bar[] }) {
  const top = Math.max(0, ...bars.map((bar) => bar.value));
  const slot = bars.length ? width / bars.length : width;
  const columnWidth = Math.min(48, slot * 0.6);
  const room = columnsHeight - axisRoom - valueLine;
  return (
    <figure class="chart" data-chart={id}>
      <ChartHeading id={id} title={title} description={description} />
      {bars.length ? (
        <svg viewBox={`0 0 ${width} ${columnsHeight}`} width="100%" role="img" aria-labelledby={labelledBy(id, description)}>
          <title>{title}</title>
          <line x1="0" x2={width} y1={columnsHeight - axisRoom} y2={columnsHeight - axisRoom} class="axis" />
          {bars.map((bar, index) => {
            const height = lengthOf(bar.value, top, room);
            const middle = index * slot + slot / 2;
            const baseline = columnsHeight - axisRoom;
            const shown = bar.shown ?? String(bar.value);
            return (
              <g class="bar" data-label={bar.label} data-value={bar.value}>
                <title>{t(lang, 'chart.barTitle', { label: bar.label, value: shown })}</title>
                <rect x={middle - columnWidth / 2} y={baseline - height} width={columnWidth} height={height} rx="2" />
                <text x={middle} y={baseline - height - 5} text-anchor="middle" class="bar-value">
                  {shown}
                </text>
                <text x={middle} y={columnsHeight - 6} text-anchor="middle" class="bar-label">
                  {bar.label}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <p class="muted">{t(lang, 'chart.empty')}</p>
      )}
      {bars.length ? <ChartTable lang={lang} bars={bars} caption={title} /> : null}
    </figure>
  );
}
