/**
 * Where the command line reads passphrases — never from its arguments, which other users
 * can read in the process list and shells keep in their history: from the terminal
 * without echo when standard input is one, else one per line of standard input.
 */
export class PassphraseInput {
  private lines: string[] | null = null;

  constructor(private readonly input: NodeJS.ReadStream = process.stdin) {}

  get interactive(): boolean {
    return this.input.isTTY === true;
  }

  /** The next line of piped standard input; null when there is none. */
  async nextLine(): Promise<string | null> {
    if (!this.lines) {
      const chunks: Buffer[] = [];
      for await (const chunk of this.input) chunks.push(chunk as Buffer);
      this.lines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
      if (this.lines.at(-1) === '') this.lines.pop();
    }
    return this.lines.shift() ?? null;
  }

  /** Asks on the terminal without echoing what is typed. */
  ask(prompt: string): Promise<string> {
    const input = this.input;
    return new Promise((resolve, reject) => {
      let text = '';
      const finish = () => {
        input.setRawMode(false);
        input.pause();
        input.off('data', onData);
        process.stderr.write('\n');
      };
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') {
            finish();
            resolve(text);
            return;
          }
          if (char === '\u0003' || char === '\u0004') {
            finish();
            reject(new Error('cancelled.'));
            return;
          }
          text = char === '\u007f' || char === '\b' ? [...text].slice(0, -1).join('') : text + char;
        }
      };
      process.stderr.write(prompt);
      input.setRawMode(true);
      input.setEncoding('utf8');
      input.on('data', onData);
      input.resume();
    });
  }
}
