/**
 * Multi-line values in Chromium: a PEM key loaded from a file and a JSON key file pasted
 * are stored byte for byte (CRLF kept) and reach a real server exactly.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, pageSurfaces } from '../support/browser';
import { appFixture } from '../support/app-fixture';
import { seriousViolations } from '../support/accessibility';
import { tempDir } from '../support/host-process';
import { leakedForms, leaksInFiles } from '../support/canary';
import { codeStep, definition, httpStep, s } from '../support/steps';

const setup = appFixture();

/** A real RSA private key as a Windows editor saves it: CRLF line breaks, 28 lines, a final CRLF. */
function pemWithCrlf(): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return Buffer.from(pem.replace(/\n/g, '\r\n'), 'utf8');
}

/** A service-account JSON key file (LF, with the escaped key inside and a non-ASCII name). */
function serviceAccountJson(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return `${JSON.stringify({ type: 'service_account', project_id: 'keyflow-tests', private_key_id: 'a1b2c3', private_key: key, client_email: 'jörg@keyflow-tests.iam.example.com' }, null, 2)}\n`;
}

async function openCreate(page: Page) {
  await page.getByRole('button', { name: 'Create Secret Key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Secret Key' });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return dialog;
}

describe('multi-line secret values in Chromium', () => {
  it('stores a PEM key loaded from a file and a pasted JSON key file byte for byte, and sends them exactly', async () => {
    const pem = pemWithCrlf();
    const json = serviceAccountJson();
    const folder = tempDir('values');
    const pemFile = join(folder, 'signing-key.pem');
    writeFileSync(pemFile, pem);

    const app = await openApp(setup.browser, setup.host);
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: setup.host.origin });

    // The PEM key, from Load from file…
    let dialog = await openCreate(page);
    await dialog.getByLabel('Name', { exact: true }).fill('Signing key');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Load from file…' }).click();
    await (await chooser).setFiles(pemFile);
    await expect.poll(() => dialog.getByText('Loaded from “signing-key.pem” · 28 lines, Windows line endings (CRLF), kept · 1.7 KiB').isVisible()).toBe(true);
    const value = dialog.getByLabel('Value', { exact: true });
    // Masked until shown.
    expect(await value.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-security'))).toBe('disc');
    await dialog.getByRole('button', { name: 'Show value' }).click();
    expect(await value.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-security'))).toBe('none');
    await dialog.getByRole('button', { name: 'Hide value' }).click();
    // Run Code reads it below: a key is readable by code only when its owner allows it.
    await dialog.getByRole('switch', { name: 'Readable by Run Code' }).click();
    await dialog.getByRole('button', { name: 'Create Secret Key' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Signing key/ }).count()).toBe(1);

    // The JSON key file, pasted from the clipboard.
    dialog = await openCreate(page);
    await dialog.getByLabel('Name', { exact: true }).fill('Service account');
    await page.evaluate((text) => navigator.clipboard.writeText(text), json);
    await dialog.getByLabel('Value', { exact: true }).focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => dialog.getByText(/^\d+ lines, line endings \(LF\) kept · /).isVisible()).toBe(true);
    await dialog.getByRole('switch', { name: 'Readable by Run Code' }).click();
    await dialog.getByRole('button', { name: 'Create Secret Key' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Service account/ }).count()).toBe(1);

    // A run sends each as a request body, and Run Code reads them.
    const keys = await setup.host.call('secrets.list', {});
    const id = (name: string) => keys.find((key) => key.name === name)!.id;
    const workflow = await setup.host.call('workflows.create', { name: 'Key files' });
    const body = (secretId: string) => ({ kind: 'text' as const, text: s(secretId), contentType: 'application/octet-stream' });
    await setup.host.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(
        httpStep('Send PEM', { method: 'POST', url: [{ kind: 'text', text: `${setup.echo.url}/pem` }], body: body(id('Signing key')) }),
        httpStep('Send JSON', { method: 'POST', url: [{ kind: 'text', text: `${setup.echo.url}/json` }], body: body(id('Service account')) }),
        codeStep('Read them', 'return { pemLines: input.pem.split("\\n").length, crlf: input.pem.includes("\\r\\n"), email: JSON.parse(input.json).client_email };', [
          { name: 'pem', value: s(id('Signing key')) },
          { name: 'json', value: s(id('Service account')) },
        ]),
      ),
    });
    await page.goto(`${setup.host.origin}/#/workflows/${workflow.id}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = page.getByRole('region', { name: 'Run' });
    await expect.poll(() => run.getByRole('listitem', { name: '3. Read them' }).getByText('OK', { exact: true }).count()).toBe(1);

    const received = (path: string) => Buffer.from(setup.echo.received.find((request) => request.url === path)!.body, 'utf8');
    expect(received('/pem').equals(pem)).toBe(true);
    expect(received('/json').equals(Buffer.from(json, 'utf8'))).toBe(true);
    const [latest] = await setup.host.call('runs.list', { workflowId: workflow.id });
    const stored = await setup.host.call('runs.get', { id: latest!.id });
    expect(stored.steps[2]!.output).toEqual({ pemLines: 29, crlf: true, email: 'jörg@keyflow-tests.iam.example.com' });

    // Neither value is anywhere but the server: not the page, the bridge, the run or the files.
    const surfaces = await pageSurfaces(page);
    for (const secret of [pem.toString('utf8'), json]) {
      expect(leakedForms(surfaces, secret)).toEqual([]);
      expect(app.bridgeResponses.flatMap((response) => leakedForms(response, secret))).toEqual([]);
      expect(leakedForms(JSON.stringify(stored), secret)).toEqual([]);
      expect(leaksInFiles(setup.host.userDataDir, secret)).toEqual([]);
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses a file that is too large or not text, saying why, and keeps what was there', async () => {
    const folder = tempDir('values-bad');
    writeFileSync(join(folder, 'big.json'), Buffer.alloc(64 * 1024 + 1, 0x61));
    writeFileSync(join(folder, 'cert.p12'), Buffer.from([0x30, 0x82, 0xff, 0xfe, 0x00, 0xc3]));
    const { page } = await openApp(setup.browser, setup.host);
    const dialog = await openCreate(page);
    await dialog.getByLabel('Value', { exact: true }).fill('typed-value-123456');
    for (const [file, message] of [
      ['big.json', '“big.json” is 64 KiB: a value can be at most 64 KiB.'],
      ['cert.p12', '“cert.p12” is not a text file (UTF-8). For a binary file such as a .p12 certificate, store its base64 text instead.'],
    ] as const) {
      const chooser = page.waitForEvent('filechooser');
      await dialog.getByRole('button', { name: 'Load from file…' }).click();
      await (await chooser).setFiles(join(folder, file));
      await expect.poll(() => dialog.getByText(message).isVisible()).toBe(true);
      expect(await dialog.getByLabel('Value', { exact: true }).inputValue()).toBe('typed-value-123456');
    }
    expect(await seriousViolations(page)).toEqual([]);
  });
});
