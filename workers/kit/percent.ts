/** A share (0 to 1, null when there is nothing to share) as the figures say it: one decimal, "—" for none. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
