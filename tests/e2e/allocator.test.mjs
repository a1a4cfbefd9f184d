// The allocator view: pymalloc's arenas as grids of pools that fill while
// the document's tracemalloc example builds a million ints, hover text that
// names each pool, and the view at phone width and in dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, runExample, shoot } from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

async function seek(example, value) {
  await example.getByRole('slider', { name: 'Timeline' }).fill(String(value));
}

/** What the allocator view shows now: arenas, non-empty pools of ints, text. */
async function state(example) {
  const view = example.locator('[data-role="allocator"]');
  return {
    arenas: await view.locator('figure.arena').count(),
    // One element per pool, or one for a whole arena full of one class.
    intPools: await view.locator('.pool:not(.empty)[title*="32-byte blocks"]').count()
      + (await view.locator('.pools.uniform[title*="32-byte blocks"]').evaluateAll((els) => els.map((e) => Number(e.dataset.pools))))
        .reduce((a, b) => a + b, 0),
    text: await view.textContent(),
  };
}

test('the grid fills as the tracemalloc example builds a million ints', async () => {
  const { page, errors } = await open(context, '#/tracemalloc/tracemalloc');
  const example = page.locator('[data-example="tracemalloc"]');
  const { stdout } = await runExample(page, 'tracemalloc');
  assert.match(stdout, /^\(\d+, \d+\)\n$/);
  const max = Number(await example.getByRole('slider', { name: 'Timeline' }).getAttribute('max'));
  const seen = [];
  for (const f of [0, 0.25, 0.5, 0.75]) {
    await seek(example, Math.round(f * max));
    seen.push(await state(example));
  }
  await shoot(example.locator('[data-role="allocator"]'), 'allocator-tracemalloc-mid.png');
  await seek(example, max);
  const end = await state(example);
  for (let i = 1; i < seen.length; i++) {
    assert.ok(seen[i].intPools > seen[i - 1].intPools, `pools of ints grow: ${seen.map((s) => s.intPools)}`);
  }
  assert.ok(end.arenas >= seen[0].arenas + 25, `a million ints fill ~30 new arenas: ${seen[0].arenas} -> ${end.arenas}`);
  assert.ok(end.intPools >= 1900, `${end.intPools} pools of 32-byte blocks`);
  // The list's 8 MB item buffer is the largest malloc block.
  assert.match(end.text, /malloc \(requests over 512 B\)/);
  assert.match(await example.locator('[data-role="allocator"] .raw-list li').first().textContent(), /MiB/);
  const whole = await example.locator('[data-role="allocator"] .pools.uniform').first().getAttribute('title');
  assert.match(whole, /^arena \d+: all 63 pools hold 32-byte blocks, each full \(510\/510 used\)$/);
  const title = await example.locator('[data-role="allocator"] .pool:not(.empty)[title*="32-byte"]').first().getAttribute('title');
  assert.match(title, /^pool \d+ of arena \d+: 32-byte blocks, \d+\/510 used$/);
  await shoot(example.locator('[data-role="allocator"]'), 'allocator-tracemalloc-end.png');
  // Stepping back one step changes the view (an arena is marked, counts differ).
  await example.getByRole('button', { name: 'Step back' }).click();
  assert.notEqual((await state(example)).text, end.text);
  assert.deepEqual(errors, []);
});

test('freed pools empty and arenas go back when a list is deleted', async () => {
  const { page, errors } = await open(context, '#/object-specific-allocators');
  const example = page.locator('[data-example="size-classes"]');
  await example.getByRole('textbox', { name: 'Python code' }).fill('x = [i for i in range(200000)]\ny = len(x)\ndel x\nprint(y)\n');
  await runExample(page, 'size-classes');
  const slider = example.getByRole('slider', { name: 'Timeline' });
  const max = Number(await slider.getAttribute('max'));
  const current = example.locator('.gutter .current');
  const line = async () => (await current.count()) ? current.textContent() : '';
  let full = null;
  for (let i = max; i >= 0 && !full; i--) {
    await seek(example, i);
    if (await line() === '3') full = await state(example);
  }
  assert.ok(full, 'a step where `del x` is next');
  await shoot(example.locator('[data-role="allocator"]'), 'allocator-before-del.png');
  await example.getByRole('button', { name: 'Step forward' }).click();
  const freed = await state(example);
  assert.ok(freed.arenas < full.arenas, `arenas returned: ${full.arenas} -> ${freed.arenas}`);
  assert.ok(freed.intPools + 300 < full.intPools, `pools emptied: ${full.intPools} -> ${freed.intPools}`);
  assert.ok(await example.locator('[data-role="allocator"] .pool.empty').count() > 0, 'an emptied pool stays carved');
  await shoot(example.locator('[data-role="allocator"]'), 'allocator-after-del.png');
  assert.deepEqual(errors, []);
});

test('the allocator view at phone width and in dark mode', async () => {
  const { page, errors } = await open(context, '#/tracemalloc/tracemalloc');
  await page.setViewportSize({ width: 390, height: 844 });
  const example = page.locator('[data-example="tracemalloc"]');
  await runExample(page, 'tracemalloc');
  const view = example.locator('[data-role="allocator"]');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page scrolls sideways: ${width}px`);
  const box = await view.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `the view fits: ${JSON.stringify(box)}`);
  await shoot(view, 'allocator-phone.png');
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await shoot(view, 'allocator-phone-dark.png');
  await page.setViewportSize({ width: 1280, height: 900 });
  await seek(example, 400);
  await shoot(view, 'allocator-dark.png');
  assert.deepEqual(errors, []);
});
