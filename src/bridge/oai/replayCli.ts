// npm run bridge:replay -- FILE [--json]: feeds a trace's PBX side (recorded with `npm run bridge --
// --record FILE`, or one of ./traces/) into the bridge's OAI layer and prints the contract events it
// produced, one per line (docs/oai-protocol.md, "Traces").
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SuiteCall } from '../../core/suite/types';
import { replayTrace } from './replay';

/** The contract event a call change is sent as (as the bridge's server names them). */
function eventName(call: SuiteCall): string {
    return call.state === 'cleared' && call.cause === 'transfer' ? 'call.transferred' : `call.${call.state}`;
}

async function main(): Promise<void> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: { json: { type: 'boolean' }, help: { type: 'boolean' } }
    });
    if (values.help || positionals.length !== 1) {
        process.stdout.write('Usage: npm run bridge:replay -- <trace file> [--json]\n');
        process.exitCode = values.help ? 0 : 2;
        return;
    }
    const result = await replayTrace(readFileSync(positionals[0], 'utf8'));
    const { extensions, huntGroups, lines, skipped } = result.plan;
    process.stdout.write(
        `# ${lines.length} PBX lines replayed to stations ${extensions.join(' ')}` +
            `${huntGroups.length ? ` (hunt groups ${huntGroups.join(' ')})` : ''}\n`
    );
    for (const line of skipped) process.stdout.write(`# not replayed: ${line}\n`);
    for (const error of result.lineErrors)
        process.stdout.write(`# unread line (${error.reason}): ${error.line}  ${error.detail}\n`);
    for (const change of result.changes) {
        if (values.json) {
            process.stdout.write(`${JSON.stringify(change)}\n`);
        } else if (change.kind === 'dnd') {
            process.stdout.write(`${change.extension}  dnd.changed  ${change.enabled ? 'on' : 'off'}\n`);
        } else {
            const { call } = change;
            const remote = [call.remote.number, call.remote.name && `(${call.remote.name})`]
                .filter(Boolean)
                .join(' ');
            process.stdout.write(
                `${change.extension}  ${eventName(call).padEnd(16)} ${call.callId}  ${call.direction} ${remote || '-'}` +
                    `  cause ${call.cause}  [${call.capabilities.join(' ')}]\n`
            );
        }
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
