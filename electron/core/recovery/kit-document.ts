/**
 * The recovery kit as a page to print (PDF) and as a text file: the key, the vault it
 * opens, when it was made, and what to do with it — 1Password's Emergency Kit is the model.
 * Nothing else secret is on it: no value, no master key, no passphrase.
 */
import type { KitFormat, NewRecoveryKit } from '../../../shared/model/recovery';
import { PAGE, pdfDocument, type PdfItem } from './pdf';

export interface KitDetails extends NewRecoveryKit {
  /** The Keyflow data folder the key opens: it must come along to a new computer. */
  dataFolder: string;
}

const TITLE = 'Keyflow Recovery Kit';

const SECTIONS: { heading: string; text: (kit: KitDetails) => string }[] = [
  {
    heading: 'What this key does',
    text: () =>
      "It opens your Keyflow vault - every secret key in it, and your identity in team workspaces - when this computer's keychain no longer has Keyflow's key (a new computer, a reinstalled system, a reset keychain) or when you forget the vault's passphrase.",
  },
  {
    heading: 'Keep it safe',
    text: () =>
      'Print this page or keep this file where only you can reach it, away from this computer: a password manager, a safe, a locked drawer. Anyone with this key and a copy of your Keyflow data can open your vault. Keyflow does not keep the key and cannot show it again; if you lose it, make a new one in Keyflow: Settings, Recovery kit, Replace.',
  },
  {
    heading: 'How to use it',
    text: (kit) =>
      `Keyflow opens the vault in your Keyflow data folder (${kit.dataFolder}); on a new computer, bring that folder along. When Keyflow says your vault's key is missing, type the key under "Enter recovery key" (for a forgotten passphrase: "Forgot your passphrase?"): case, spaces and hyphens don't matter. From the command line: keyflow recover, with the key on standard input.`,
  },
];

function createdOn(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function facts(kit: KitDetails): [string, string][] {
  return [
    ['Vault id', kit.vaultId],
    ['Created', createdOn(kit.createdAt)],
  ];
}

export function kitText(kit: KitDetails): string {
  const lines = [TITLE, '', ...facts(kit).map(([label, value]) => `${label}: ${value}`), '', 'Recovery key:', `    ${kit.key}`, ''];
  for (const section of SECTIONS) lines.push(section.heading, ...wrap(section.text(kit), 78), '');
  return `${lines.join('\n')}`;
}

/** Words into lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function kitPdf(kit: KitDetails): Buffer {
  const left = 56;
  let y = PAGE.height - 72;
  const items: PdfItem[] = [{ kind: 'text', text: TITLE, font: 'bold', size: 22, x: left, y }];
  y -= 34;
  for (const [label, value] of facts(kit)) {
    items.push({ kind: 'text', text: `${label}:`, font: 'bold', size: 11, x: left, y }, { kind: 'text', text: value, font: 'regular', size: 11, x: left + 70, y });
    y -= 16;
  }
  y -= 22;
  items.push({ kind: 'text', text: 'Recovery key', font: 'bold', size: 13, x: left, y });
  y -= 38;
  items.push({ kind: 'box', x: left, y: y - 14, width: PAGE.width - 2 * left, height: 46 }, { kind: 'text', text: kit.key, font: 'mono', size: 17, x: left + 14, y });
  y -= 56;
  for (const section of SECTIONS) {
    items.push({ kind: 'text', text: section.heading, font: 'bold', size: 12, x: left, y });
    y -= 18;
    for (const line of wrap(section.text(kit), 88)) {
      items.push({ kind: 'text', text: line, font: 'regular', size: 10.5, x: left, y });
      y -= 15;
    }
    y -= 14;
  }
  return pdfDocument(TITLE, items);
}

/** The kit's file name, which says what it is and which vault it opens. */
export function kitFileName(vaultId: string, format: KitFormat): string {
  return `Keyflow Recovery Kit - ${vaultId}.${format === 'pdf' ? 'pdf' : 'txt'}`;
}
