// The trace file (`npm run bridge -- --record FILE`) holds callers' numbers and names: only the user the
// bridge runs as may read it, whether the bridge created it or appends to one that was there.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceFile } from '../trace';

let dir: string;

beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oai-trace-file-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;

it('is created 0600', () => {
    const file = join(dir, 'new.trace');
    const sink = traceFile(file);
    sink.line('<', '001,DE,…');
    sink.close();
    expect(mode(file)).toBe(0o600);
});

it('becomes 0600 when the bridge appends to a file that was readable by others', () => {
    const file = join(dir, 'earlier.trace');
    writeFileSync(file, '# an earlier trace\n');
    chmodSync(file, 0o644);
    const sink = traceFile(file);
    sink.close();
    expect(mode(file)).toBe(0o600);
});
