// Questions at the terminal; a secret is read without echo, so an API key never lands in the shell's
// history or on screen.
import { createInterface } from 'node:readline/promises';
import { SfError } from '../org/sf.mjs';

export const interactive = (): boolean => Boolean(process.stdin.isTTY && process.stdout.isTTY);

export async function ask(question: string): Promise<string> {
    const lines = createInterface({ input: process.stdin, output: process.stdout });
    try {
        return (await lines.question(question)).trim();
    } finally {
        lines.close();
    }
}

export function askSecret(question: string): Promise<string> {
    process.stdout.write(question);
    const input = process.stdin;
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    return new Promise((resolve, reject) => {
        let typed = '';
        const finish = (outcome: () => void) => {
            input.setRawMode(false);
            input.pause();
            input.off('data', onData);
            process.stdout.write('\n');
            outcome();
        };
        const onData = (chunk: string) => {
            for (const char of chunk) {
                if (char === '\r' || char === '\n') return finish(() => resolve(typed.trim()));
                if (char === '\u0003')
                    return finish(() => reject(new SfError('Cancelled: nothing was deployed.')));
                if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
                else typed += char;
            }
        };
        input.on('data', onData);
    });
}
