/**
 * fflate for workerd. Its asynchronous `zip` hands every file over 160 kB to a Web Worker, which workerd does not
 * have, so a workbook of a few hundred cases would fail; here `zip` compresses in place and answers on a later
 * turn, as the original does for small files. Everything else is fflate's own. wrangler.toml aliases `fflate` to
 * this file for the Worker's bundle (write-excel-file imports it); Node keeps the original.
 */
import { zipSync, type AsyncTerminable, type AsyncZipOptions, type AsyncZippable, type FlateCallback, type FlateError } from 'fflate/browser';

export * from 'fflate/browser';

export function zip(data: AsyncZippable, optsOrCallback: AsyncZipOptions | FlateCallback, callback?: FlateCallback): AsyncTerminable {
  const [opts, done] = typeof optsOrCallback === 'function' ? [{}, optsOrCallback] : [optsOrCallback, callback!];
  let cancelled = false;
  queueMicrotask(() => {
    if (cancelled) return;
    let archive: Uint8Array<ArrayBuffer>;
    try {
      archive = zipSync(data, opts);
    } catch (error) {
      done(error as FlateError, new Uint8Array());
      return;
    }
    done(null, archive);
  });
  return () => {
    cancelled = true;
  };
}
