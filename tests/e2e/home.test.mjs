// The home page: title, the document's sections in the navigation, and the
// reference-counting example run by the wasm engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot } from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

test('the page shows the title and every section of the document', async () => {
  const { page, errors } = await open(context);
  assert.equal(await page.locator('h1').textContent(), 'PyMem Lab');
  const links = await page.locator('nav.toc a').allTextContents();
  assert.equal(links.length, 25);
  assert.ok(links.includes('Reference Counting'));
  assert.ok(links.includes('sys.getsizeof()'));
  assert.deepEqual(errors, []);
});

test('Run executes the reference-counting example in the engine', async () => {
  const { page, errors } = await open(context);
  const example = page.locator('[data-section="reference-counting"] [data-example="refcount"]');
  await example.getByRole('button', { name: 'Run' }).click();
  const output = example.locator('[data-role="output"]');
  // sys.getrefcount's answers (2, 3, 2) come only from the simulated heap.
  await output.locator('pre.stdout').waitFor();
  assert.equal(await output.locator('pre.stdout').textContent(), '2\n3\n2\n');
  assert.match(await output.locator('.meta').textContent(), /^[\d,]+ steps$/);
  await screenshot(page, 'home.png');
  assert.deepEqual(errors, []);
});

test('an edited program runs as edited and Reset restores the original', async () => {
  const { page, errors } = await open(context);
  const example = page.locator('[data-example="refcount"]');
  const code = example.getByRole('textbox', { name: 'Python code' });
  const original = await code.inputValue();
  await code.fill('print(1 + 1)\nprint(undefined_name)\n');
  await example.getByRole('button', { name: 'Run' }).click();
  const output = example.locator('[data-role="output"]');
  await output.locator('pre.stderr').waitFor();
  assert.equal(await output.locator('pre.stdout').textContent(), '2\n');
  assert.match(await output.locator('pre.stderr').textContent(), /NameError: name 'undefined_name' is not defined\n?$/);
  await example.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await code.inputValue(), original);
  assert.deepEqual(errors, []);
});
