// The heap view at scale: an example with 1,000 live objects draws them
// all (compact cells with refcounts), a comprehension's list shows as its
// frame's temporary, and the document's million-item example summarises.
// Screenshots: heap-1000*.png, heap-listcomp*.png under target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, runExample, shoot } from './browser.mjs';

let context;
before(async () => { context = await launch(); });

// Screenshots without the boxes' move transitions half-way.
async function still(page) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
}
after(async () => { await context?.close(); });

async function seek(example, value) {
  await example.getByRole('slider', { name: 'Timeline' }).fill(String(value));
}

/** Steps from the start until the heap shows the <listcomp> frame holding a temporary. */
async function seekIntoComprehension(example, minItems = 0) {
  const slider = example.getByRole('slider', { name: 'Timeline' });
  const max = Number(await slider.getAttribute('max'));
  const heap = example.locator('[data-role="heap"]');
  for (let i = 1; i <= max; i++) {
    await seek(example, i);
    if (!await heap.locator('.frame', { hasText: '<listcomp>' }).count()) continue;
    if (await heap.locator('[data-object-id]').count() > minItems) return i;
  }
  return -1;
}

test('an example with 1,000 live objects draws them all', async () => {
  const { page, errors } = await open(context, '#/overhead-of-python-objects/thousand-floats');
  const example = page.locator('[data-example="thousand-floats"]');
  await still(page);
  const { stdout } = await runExample(page, 'thousand-floats');
  assert.match(stdout, /^1000 floats\n/);
  // Near the end (summing the floats) the list and its 1,000 floats are alive.
  const slider = example.getByRole('slider', { name: 'Timeline' });
  const max = Number(await slider.getAttribute('max'));
  await seek(example, max - 1);
  const heap = example.locator('[data-role="heap"]');
  const drawn = await heap.locator('[data-object-id]').count();
  assert.ok(drawn >= 1000, `${drawn} objects drawn`);
  const counted = await heap.locator('[data-object-id] [data-refcount]').count();
  assert.ok(counted >= 1000, `${counted} objects with a refcount`);
  assert.ok(await heap.locator('.cell[data-object-id]').count() >= 990, 'most are compact cells');
  assert.match(await heap.textContent(), /list of 1,000 floats/);
  await shoot(heap, 'heap-1000.png');
  const height = async () => (await heap.boundingBox()).height;
  const unpointed = await height();
  // Pointing at one cell draws its arrows.
  await heap.locator('.cell[data-object-id]').nth(500).hover();
  await heap.locator('.edges.focus .edge').first().waitFor();
  assert.match(await heap.locator('.heap-note').textContent(), /^float /);
  // ...and moves nothing: a graph that moved would slide another cell under
  // the still pointer and jitter between the two.
  assert.equal(await height(), unpointed, 'the heap view changed height when a cell was pointed at');
  await shoot(heap, 'heap-1000-focus.png');
  // Phone width and dark mode.
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page scrolls sideways: ${width}px`);
  const phonePointed = await height();
  await page.mouse.move(0, 0);
  await heap.locator('.heap-note', { hasText: /^Many objects/ }).waitFor();
  assert.equal(await height(), phonePointed, 'at phone width the heap view changed height when a cell was pointed at');
  await shoot(heap, 'phone-heap-1000.png');
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await shoot(heap, 'dark-heap-1000.png');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  assert.deepEqual(errors, []);
});

test('mid-comprehension, the list being built is the <listcomp> frame\'s temporary', async () => {
  const { page, errors } = await open(context, '#/overhead-of-python-objects/thousand-floats');
  const example = page.locator('[data-example="thousand-floats"]');
  await still(page);
  await runExample(page, 'thousand-floats');
  assert.ok(await seekIntoComprehension(example, 20) > 0, 'a step inside the comprehension');
  const heap = example.locator('[data-role="heap"]');
  assert.ok(await heap.locator('.frame .var.temp').count() >= 1);
  assert.ok(await heap.locator('.edge.temp').count() >= 1);
  await shoot(heap, 'heap-listcomp-floats.png');
  assert.deepEqual(errors, []);
});

test('the document\'s tracemalloc example: "list of N ints" held by <listcomp>', async () => {
  const { page, errors } = await open(context, '#/tracemalloc/tracemalloc');
  const example = page.locator('[data-example="tracemalloc"]');
  await still(page);
  await runExample(page, 'tracemalloc');
  const slider = example.getByRole('slider', { name: 'Timeline' });
  const max = Number(await slider.getAttribute('max'));
  await seek(example, Math.round(max / 2));
  const heap = example.locator('[data-role="heap"]');
  await heap.locator('.frame', { hasText: '<listcomp>' }).waitFor();
  assert.match(await heap.textContent(), /list of [\d,]+ ints/);
  assert.ok(await heap.locator('.edge.temp').count() >= 1, 'a temp arrow from the frame');
  await shoot(heap, 'heap-listcomp.png');
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await shoot(heap, 'dark-heap-listcomp.png');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(heap, 'phone-heap-listcomp.png');
  assert.deepEqual(errors, []);
});
