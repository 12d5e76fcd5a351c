// A trace recorded from a link (`npm run bridge -- --record FILE`): every frame both ways, the password
// never, outside numbers and callers' names replaced when asked; and replayed, the same contract
// changes as the live link gave, so a site's trace becomes a regression test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayTrace } from '../replay';
import { OaiStations, type StationChange } from '../stations';
import { installTrace, parseTrace, redactor, traceFile } from '../trace';
import { PASSWORD, startHarness, type Harness } from './clientHarness';

let harness: Harness;
let dir: string;

beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oai-trace-'));
});

afterEach(async () => {
    installTrace(undefined);
    await harness?.stop();
    rmSync(dir, { recursive: true, force: true });
});

const describeCalls = (changes: StationChange[]) =>
    changes.flatMap((change) =>
        change.kind === 'call'
            ? [`${change.extension} ${change.call.state} ${change.call.remote.number} ${change.call.cause}`]
            : []
    );

async function recordCall(redactNumbers: boolean): Promise<{ file: string; live: StationChange[] }> {
    harness = await startHarness();
    const file = join(dir, 'site.trace');
    const sink = traceFile(file, { redactNumbers });
    installTrace(sink);
    const { client, reaches } = harness.newClient();
    const stations = new OaiStations({ extensions: ['2001', '2002'], huntGroups: ['2100'] });
    const live: StationChange[] = [];
    client.on('event', (event) => live.push(...stations.apply(event, client.monitors)));
    client.start();
    await reaches('ready');
    const pbx = harness.simulator.pbx;
    const callId = pbx.inbound('2100', { number: '01632960123', name: 'ACME, LTD' });
    pbx.answer('2001', callId);
    await client.send({ code: '_HC', extension: '2001', callId });
    pbx.remoteHangup(callId);
    await client.send({ code: '_NO' });
    client.stop();
    sink.close();
    return { file, live };
}

describe('OAI traces', () => {
    it('record every frame both ways with a timestamp, and never the password', async () => {
        const { file } = await recordCall(false);
        const text = readFileSync(file, 'utf8');
        expect(text).not.toContain(PASSWORD);
        const entries = parseTrace(text);
        expect(entries[0]).toEqual({
            time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
            direction: '>',
            line: 'LOGIN type=0x87 application=bridge-test password=(not recorded)'
        });
        expect(entries[1].line).toMatch(/^000,RS,0,/);
        expect(entries.some((entry) => entry.direction === '>' && /^_MS,\d+,2001,1,/.test(entry.line))).toBe(
            true
        );
        expect(entries.some((entry) => entry.direction === '<' && entry.line.includes('01632960123'))).toBe(
            true
        );
        expect(entries.every((entry) => entry.time)).toBe(true);
    });

    it('replay to the same contract changes the live link gave', async () => {
        const { file, live } = await recordCall(false);
        const replayed = await replayTrace(readFileSync(file, 'utf8'));
        expect(replayed.plan.extensions).toEqual(['2001', '2002']);
        expect(replayed.plan.huntGroups).toEqual(['2100']);
        expect(describeCalls(replayed.changes)).toEqual(describeCalls(live));
        expect(describeCalls(live)).toContain('2001 held 01632960123 holdIndividual');
    });

    it('with numbers redacted: no outside number or caller name, and the replay still follows the call', async () => {
        const { file, live } = await recordCall(true);
        const text = readFileSync(file, 'utf8');
        expect(text).not.toContain('01632960123');
        expect(text).not.toContain('ACME');
        expect(text).toContain('|Caller 1|');
        const replayed = await replayTrace(text);
        const stand = describeCalls(replayed.changes);
        expect(stand).toEqual(describeCalls(live).map((line) => line.replace('01632960123', '55500000001')));
    });

    it('redact the same number to the same stand-in of its length wherever it is, and leave extensions alone', () => {
        const redact = redactor();
        expect(
            redact('001,DE,,005,1F01,2001,,I,9001,|ACME|,01632960123,|MAIN|,4005551000,E,2100,,,A,22,2100')
        ).toBe('001,DE,,005,1F01,2001,,I,9001,|Caller 1|,55500000001,|MAIN|,5550000002,E,2100,,,A,22,2100');
        expect(redact('_MC,7,2001,901632960123')).toBe('_MC,7,2001,555000000003');
        expect(redact('002,ES,,005,1F01,2001,,I,9001,01632960123,4005551000,E,2100,,C,35')).toBe(
            '002,ES,,005,1F01,2001,,I,9001,55500000001,5550000002,E,2100,,C,35'
        );
    });
});
