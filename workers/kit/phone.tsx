/**
 * A party's phone as a page shows it: a number the viewer may call is a `tel:` link; a masked one (`057*****4321`) is
 * only text, because dialling the digits left over would ring a stranger. Kept on one line, hyphen and all.
 */
export function Phone({ number }: { number: string }) {
  if (number.includes('*')) return <span class="phone">{number}</span>;
  return (
    <a class="phone" href={`tel:${number.replace(/[^\d+]/g, '')}`}>
      {number}
    </a>
  );
}
