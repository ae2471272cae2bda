import { sizeProblem } from '../../../../shared/model/imports';

/** A chosen file's text, or why it can't be imported (too large, not UTF-8 text). Read here, so only text is sent to main. */
export async function readImportFile(file: File): Promise<{ text: string } | { problem: string }> {
  const tooLarge = sizeProblem(file.size, `“${file.name}”`);
  if (tooLarge) return { problem: tooLarge };
  const bytes = await file.arrayBuffer();
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw new Error('binary');
    return { text };
  } catch {
    return { problem: `“${file.name}” is not a text file: choose the exported .json, .yaml or .env file.` };
  }
}
