/**
 * Windows `cmd` quoting, as browsers print it with "Copy as cURL (cmd)": `^` escapes the
 * next character and ends a line that continues, and arguments follow the C runtime's
 * rules ("…" groups, \" and "" are a quote). curlconverter reads Bash, so a cmd command
 * is split into its arguments here and handed over as an argument list.
 */

export function looksLikeCmd(text: string): boolean {
  return /\^\r?\n/.test(text) || /\^"/.test(text);
}

/** Each command's arguments (commands are lines not continued with ^). */
export function cmdCommands(text: string): string[][] {
  const joined = text.replace(/\^\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => splitArguments(line.replace(/\^(.)/g, '$1')));
}

function splitArguments(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let started = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === '\\') {
      let slashes = 0;
      while (line[i] === '\\') {
        slashes++;
        i++;
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) current += '"';
        else i--;
      } else {
        current += '\\'.repeat(slashes);
        i--;
      }
      started = true;
    } else if (char === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(char)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}
