import { describe, expect, it } from 'vitest';
import { browserScripts, bundledModule, writtenModule } from '../../scripts/bundle-browser';

describe('the browser scripts the pages inline', () => {
  it.each(browserScripts)('$module holds what $source bundles to now (else: npm run bundle:browser)', async (script) => {
    expect(writtenModule(script)).toBe(await bundledModule(script));
  });
});
