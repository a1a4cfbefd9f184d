// Every example on the page, run in the engine's worker: the output must be
// what the engine produces (CPython 3.11.7's output, recorded beside each
// example, or for the features still being added to the engine, the error it
// gives today). Then a screenshot of every panel, for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { launch, open, runExample, shoot } from './browser.mjs';

const EXAMPLES_DIR = path.resolve('../../src/content/examples');
// Examples without a CPython oracle (memory_profiler is not installed for the
// oracle, and it measures the real process): the table's shape, from the engine.
const SHAPE = {
  'memory-profiler': /^Filename: memory-profiler\.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n={61}\n(.*\n)*     5 +[\d.]+ MiB +[\d.]+ MiB +\d+       x = \[i for i in range\(1000000\)\]\n\n\n$/,
};

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

test('every example runs and prints what the engine computes', { timeout: 600_000 }, async () => {
  const { page, errors } = await open(context);
  const ids = await page.locator('[data-example]').evaluateAll((els) => els.map((e) => e.dataset.example));
  assert.ok(ids.length >= 24, `only ${ids.length} examples`);
  for (const id of ids) {
    const { stdout, stderr, meta } = await runExample(page, id);
    assert.match(meta, /^[\d,]+ steps$/, id);
    const oracleFile = path.join(EXAMPLES_DIR, `${id}.out`);
    const oracle = existsSync(oracleFile) ? readFileSync(oracleFile, 'utf8') : null;
    if (oracle === null) {
      assert.equal(stderr, '', `${id} stderr`);
      assert.match(stdout, SHAPE[id], id);
    } else {
      assert.equal(stderr, '', `${id} stderr`);
      assert.equal(stdout, oracle, id);
    }
    const example = page.locator(`[data-example="${id}"]`);
    for (const role of ['heap', 'stack', 'generations', 'allocator', 'tracemalloc']) {
      assert.equal(await example.locator(`[data-role="${role}"]`).count(), 1, `${id} ${role}`);
    }
  }
  assert.deepEqual(errors, []);
});

test('screenshots of every panel after its examples ran', { timeout: 600_000 }, async () => {
  const { page, errors } = await open(context);
  // Still pictures: no transitions caught half-way.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const slugs = await page.locator('section[data-section]').evaluateAll((els) => els.map((e) => e.dataset.section));
  assert.equal(slugs.length, 25);
  for (const slug of slugs) {
    const panel = page.locator(`section[data-section="${slug}"]`);
    const ids = await panel.locator('[data-example]').evaluateAll((els) => els.map((e) => e.dataset.example));
    for (const id of ids) {
      await runExample(page, id);
      // Step back to an interesting middle point for the picture.
      const slider = panel.locator(`[data-example="${id}"] input[aria-label="Timeline"]`);
      const max = Number(await slider.getAttribute('max'));
      if (max > 2) await slider.fill(String(Math.floor(max * 0.6)));
    }
    await shoot(panel, `panel-${slug}.png`);
  }
  assert.deepEqual(errors, []);
});
