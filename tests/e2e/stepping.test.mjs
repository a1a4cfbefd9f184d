// Stepping through runs and the page's behaviour around it: the heap view
// follows the cursor, the Node cycle outlives `del` until gc.collect(),
// routing, keyboard, Stop on a long run, edits that survive a reload, and
// the phone-width and dark-mode layouts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, runExample, screenshot, shoot } from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

const heapObjects = (example) => example.locator('[data-role="heap"] [data-object-id]');

async function seek(example, value) {
  await example.getByRole('slider', { name: 'Timeline' }).fill(String(value));
}

test('step back and forward change the heap view', async () => {
  const { page, errors } = await open(context);
  const example = page.locator('[data-example="refcount-basics"]');
  await runExample(page, 'refcount-basics');
  assert.equal(await heapObjects(example).count(), 0, 'the list is gone at the end');
  await example.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await heapObjects(example).count() > 0, true);
  const badge = example.locator('[data-role="heap"] .obj:not(.cached) [data-refcount]');
  assert.equal(await badge.getAttribute('data-refcount'), '1');
  await example.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await badge.getAttribute('data-refcount'), '2');
  assert.match(await example.locator('[data-role="narration"]').textContent(), /refcount 1 → 2/);
  await example.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await badge.getAttribute('data-refcount'), '1');
  await shoot(example, 'stepping-refcount.png');
  assert.deepEqual(errors, []);
});

test('the Node cycle survives del and disappears at gc.collect()', async () => {
  const { page, errors } = await open(context, '#/garbage-collection/node-cycle');
  // Still pictures (the README shows one): no box caught mid-move.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const example = page.locator('[data-example="node-cycle"]');
  await runExample(page, 'node-cycle');
  const max = Number(await example.getByRole('slider', { name: 'Timeline' }).getAttribute('max'));
  const nodes = example.locator('[data-role="heap"] [data-object-id]').filter({ hasText: '<Node object>' });
  // Find the step just after `del b`: both Nodes alive, unreachable.
  let found = -1;
  for (let i = 0; i <= max; i++) {
    await seek(example, i);
    const line = await example.locator('.gutter .current').textContent().catch(() => '');
    if (line === '16') { found = i; break; }
  }
  assert.ok(found > 0, 'a step where line 16 (the gc.collect() call) is next');
  assert.equal(await nodes.count(), 2);
  assert.equal(await example.locator('[data-role="heap"] .obj.garbage').count(), 2);
  const badges = await example.locator('[data-role="heap"] .obj.garbage [data-refcount]').evaluateAll((els) => els.map((e) => e.dataset.refcount));
  assert.deepEqual(badges, ['1', '1'], 'each Node is kept alive by the other');
  await shoot(example, 'node-cycle-after-del.png');
  await example.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await nodes.count(), 0);
  assert.match(await example.locator('[data-role="generations"]').textContent(), /Generation 2 collection/);
  assert.match(await example.locator('[data-role="narration"]').textContent(), /2 collected/);
  await shoot(example, 'node-cycle-after-collect.png');
  assert.deepEqual(errors, []);
});

test('routes open and scroll to panels and examples', async () => {
  const { page, errors } = await open(context, '#/sys-getsizeof');
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-section="sys-getsizeof"]').getBoundingClientRect();
    return Math.abs(r.top) < 40;
  });
  // Fold a panel, then route to one of its examples: it opens again.
  const panel = page.locator('[data-section="tracemalloc"]');
  await panel.getByRole('button', { name: /Collapse section Tracemalloc/ }).click();
  assert.equal(await panel.locator('[data-example="tracemalloc"]').isVisible(), false);
  await page.evaluate(() => { location.hash = '#/tracemalloc/tracemalloc-snapshot'; });
  await panel.locator('[data-example="tracemalloc-snapshot"]').waitFor({ state: 'visible' });
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-example="tracemalloc-snapshot"]').getBoundingClientRect();
    return Math.abs(r.top) < 40;
  });
  assert.deepEqual(errors, []);
});

test('keyboard: arrows step and space plays', async () => {
  const { page, errors } = await open(context);
  const example = page.locator('[data-example="call-stack"]');
  await runExample(page, 'call-stack');
  const slider = example.getByRole('slider', { name: 'Timeline' });
  const max = Number(await slider.getAttribute('max'));
  await example.locator('.views').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(Number(await slider.inputValue()), max - 2);
  await page.keyboard.press('ArrowRight');
  assert.equal(Number(await slider.inputValue()), max - 1);
  await example.getByRole('combobox', { name: 'Speed' }).selectOption('40');
  await seek(example, 0);
  await example.locator('.views').focus();
  await page.keyboard.press(' ');
  await example.getByRole('button', { name: 'Pause' }).waitFor();
  await example.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
  assert.equal(Number(await slider.inputValue()), max);
  assert.deepEqual(errors, []);
});

test('a long run shows progress and Stop ends it', async () => {
  const { page, errors } = await open(context);
  const example = page.locator('[data-example="gc-module"]');
  await example.getByRole('textbox', { name: 'Python code' }).fill('n = 0\nwhile True:\n    n += 1\n');
  await example.getByRole('button', { name: 'Run', exact: true }).click();
  await example.locator('[data-role="output"] .running').waitFor();
  // The page stays responsive while the worker runs.
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await example.getByRole('button', { name: 'Stop' }).click();
  await example.locator('[data-role="output"]', { hasText: 'Run stopped' }).waitFor();
  // And the next run works.
  await example.getByRole('button', { name: 'Reset' }).click();
  const { stdout } = await runExample(page, 'gc-module');
  assert.equal(stdout, '0\nFalse\nTrue\n');
  assert.deepEqual(errors, []);
});

test('edits persist across a reload, per example; Reset forgets them', async () => {
  const { page, errors } = await open(context);
  const code = page.locator('[data-example="getsizeof"]').getByRole('textbox', { name: 'Python code' });
  await code.fill('print("edited")\n');
  await page.reload();
  await page.waitForSelector('[data-example]');
  assert.equal(await code.inputValue(), 'print("edited")\n');
  const { stdout } = await runExample(page, 'getsizeof');
  assert.equal(stdout, 'edited\n');
  await page.locator('[data-example="getsizeof"]').getByRole('button', { name: 'Reset' }).click();
  await page.reload();
  await page.waitForSelector('[data-example]');
  assert.match(await code.inputValue(), /sys\.getsizeof\(x\)/);
  assert.deepEqual(errors, []);
});

test('user text is rendered as text', async () => {
  const { page, errors } = await open(context);
  const example = page.locator('[data-example="refcount"]');
  await example.getByRole('textbox', { name: 'Python code' }).fill('s = "<b id=x>bold</b>"\nprint(s)\n');
  const { stdout } = await runExample(page, 'refcount');
  assert.equal(stdout, '<b id=x>bold</b>\n');
  assert.equal(await page.locator('b#x').count(), 0);
  await example.getByRole('button', { name: 'Reset' }).click();
  assert.deepEqual(errors, []);
});

test('phone width and dark mode', async () => {
  const { page, errors } = await open(context, '#/garbage-collection');
  await page.setViewportSize({ width: 390, height: 844 });
  const example = page.locator('[data-example="node-cycle"]');
  await runExample(page, 'node-cycle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page scrolls sideways: ${width}px`);
  await shoot(example, 'phone-node-cycle.png');
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await shoot(example, 'dark-node-cycle.png');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'dark-page.png');
  assert.deepEqual(errors, []);
});
