// npm run test:faults:hostile: agents at work while attackers do what they can. The OAI bridge runs as a
// site runs it (its CLI, in its own process: ./hostileBridge.ts) in front of the OAI PBX simulator;
// alice (two tabs of one browser) and bob (another browser) are real controllers with the Open CTI
// emulator, taking outside calls and calling each other. Meanwhile a LAN device (127.0.0.2) and three
// compromised agent PCs behind the agents' own address (mallory, trudy, oscar, signed in as themselves) send
// malformed requests and upgrades, oversized headers and floods, squat channels, stop reading, send
// garbage frames (./hostileAttacks.ts). Every handled call must end as exactly one Task of its agent (zero lost,
// zero duplicates), the bridge must never end (restarts 0), and its peak RSS stay under the bound.
// Loopback only; HOSTILE_CALLS (default 150) keeps it to about two minutes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../src/stand-ins/oai-pbx-simulator/pbx';
import { OaiSimulator } from '../src/stand-ins/oai-pbx-simulator/server';
import { MemoryStore } from '../src/core/telephony/storage/keyValueStore';
import { MemoryLockManager } from '../test/support/memoryLockManager';
import { loadDevCa } from '../src/stand-ins/dev-machine/devCa';
import type { Simulator } from '../src/stand-ins/suite-simulator/simulator';
import { OpenCtiEmulator } from '../src/stand-ins/opencti-emulator/emulator';
import { startController, type ControllerHarness } from '../test/support/controllerHarness';
import { Attackers } from './hostileAttacks';
import { HostileSoakBridge } from './hostileBridge';
import { callView, finishCall } from './soakTabs';
import { usageOrExit } from './usage.mjs';

usageOrExit(
    'Usage: npm run test:faults:hostile\n  The hostile-client soak: HOSTILE_CALLS (default 150) calls through the OAI bridge while attackers run; zero lost, zero duplicate Tasks, no restart, peak RSS under the bound.'
);

const CALLS = Number(process.env.HOSTILE_CALLS ?? 150);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261207);
/** The whole soak stops, failed, after this long. */
const DEADLINE_MS = 240_000;
/** The bridge with three agents under attack stays under this (it idles at about 100 MB). */
const RSS_BOUND_MB = 300;
const ORIGIN = 'https://acme--c.vf.force.com';
const API_KEY = 'dev-key-123';

let seed = SEED;
const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function bridgeConfig(pbxPort: number) {
    return {
        tls: { certFile: 'bridge.crt', keyFile: 'bridge.key' },
        allowedOrigins: [ORIGIN],
        auth: { apiKeys: [API_KEY] },
        oai: { host: '127.0.0.1', port: pbxPort, huntGroups: ['2100'] },
        sessions: { heartbeatSec: 5 },
        clients: { channelBacklogBytes: 65536 },
        state: { callIdsFile: 'call-ids.json' },
        log: { level: 'info' },
        directory: [
            { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' },
            { email: 'bob@example.com', displayName: 'Bob Agent', primaryExtension: '2002' },
            { email: 'mallory@example.com', displayName: 'Mallory Agent', primaryExtension: '2003' },
            { email: 'trudy@example.com', displayName: 'Trudy Agent', primaryExtension: '2004' },
            { email: 'oscar@example.com', displayName: 'Oscar Agent', primaryExtension: '2005' }
        ]
    };
}

async function main(): Promise<void> {
    const pbx = new OaiSimulator({
        seed: {
            ...DEFAULT_SEED,
            stations: [
                ...DEFAULT_SEED.stations,
                { extension: '2004', name: 'Trudy' },
                { extension: '2005', name: 'Oscar' }
            ]
        }
    });
    pbx.faults.firstMonitorRule = true;
    await pbx.start();
    const files = mkdtempSync(join(tmpdir(), 'soak-hostile-'));
    const ca = loadDevCa();
    const tls = ca.issue(['localhost', '127.0.0.1']);
    // Generated for this run and removed with the folder.
    writeFileSync(join(files, 'bridge.crt'), tls.cert);
    writeFileSync(join(files, 'bridge.key'), tls.key);
    const bridge = new HostileSoakBridge(join(files, 'bridge.json'), bridgeConfig(pbx.port));
    const port = await bridge.start();
    const rss = setInterval(() => bridge.samplePeak(), 500);
    const server = { port, ca } as unknown as Simulator;
    const agent = (email: string, storage = new MemoryStore(), locks = new MemoryLockManager()) => {
        const emulator = new OpenCtiEmulator({ agentEmail: email });
        return {
            emulator,
            open: () => startController({ simulator: server, emulator, storage, locks, tabs: true })
        };
    };
    const alice = agent('alice@example.com');
    const bob = agent('bob@example.com');
    const aliceTabs: ControllerHarness[] = [await alice.open(), await alice.open()];
    const bobTab = await bob.open();
    const everyone = [...aliceTabs, bobTab];
    const expected = { alice: new Set<string>(), bob: new Set<string>() };
    const started = Date.now();
    const until = <T>(check: () => T | undefined | false, what: string, timeoutMs = 20_000) =>
        aliceTabs[0]
            .until(check, Math.min(timeoutMs, Math.max(1, started + DEADLINE_MS - Date.now())))
            .catch((error: unknown) => {
                const phases = everyone.map((tab) => tab.state().status.phase).join(', ');
                console.error(`stalled waiting for ${what}; tabs ${phases}; restarts ${bridge.restarts}`);
                throw error;
            });
    const anyAliceTab = () => aliceTabs[Math.floor(random() * aliceTabs.length)];
    const ready = () => everyone.every((tab) => tab.state().status.phase === 'ready');
    const pbxState = (oaiCallId: string, extension: string) =>
        pbx.pbx.liveCalls().find((call) => call.callId === oaiCallId)?.stations[extension];

    /** An outside caller for alice: missed, or answered in either tab, perhaps held, then hung up. */
    async function outsideCall(index: number): Promise<void> {
        const oaiCallId = pbx.pbx.inbound('2001', {
            number: `0163296${String(index).padStart(4, '0')}`,
            name: `CALLER ${index}`
        });
        const callId = await until(
            () => aliceTabs[0].state().calls.find((call) => call.state === 'ringing')?.callId,
            `call ${index} ringing`
        );
        expected.alice.add(callId);
        if (random() < 0.15) {
            pbx.pbx.remoteHangup(oaiCallId);
        } else {
            const answering = anyAliceTab();
            answering.intent({ type: 'answer', callId });
            await until(
                () =>
                    pbxState(oaiCallId, '2001') === 'C' && callView(answering, callId)?.state === 'connected',
                `call ${index} connected`
            );
            if (random() < 0.3) {
                answering.intent({ type: 'hold', callId });
                await until(() => callView(answering, callId)?.state === 'held', `call ${index} held`);
            }
            pbx.pbx.remoteHangup(oaiCallId);
        }
        await finishCall(aliceTabs, callId, index, until);
    }

    /** Alice calls bob from a tab; bob answers; one of them hangs up. */
    async function internalCall(index: number): Promise<void> {
        const dialling = anyAliceTab();
        dialling.intent({ type: 'dial', number: '2002' });
        const aliceCall = await until(
            () => dialling.state().calls.find((call) => !expected.alice.has(call.callId))?.callId,
            `call ${index} dialled`
        );
        expected.alice.add(aliceCall);
        const bobCall = await until(
            () => bobTab.state().calls.find((call) => call.state === 'ringing')?.callId,
            `call ${index} ringing at bob`
        );
        expected.bob.add(bobCall);
        bobTab.intent({ type: 'answer', callId: bobCall });
        await until(
            () =>
                callView(bobTab, bobCall)?.state === 'connected' &&
                callView(dialling, aliceCall)?.state === 'connected',
            `call ${index} connected`
        );
        if (random() < 0.5) dialling.intent({ type: 'hangup', callId: aliceCall });
        else bobTab.intent({ type: 'hangup', callId: bobCall });
        await finishCall(aliceTabs, aliceCall, index, until);
        await finishCall([bobTab], bobCall, index, until);
    }

    const attackers = new Attackers(
        {
            port,
            ca: ca.certPem,
            origin: ORIGIN,
            apiKey: API_KEY,
            email: 'mallory@example.com',
            slowReaderEmail: 'trudy@example.com',
            flooderEmail: 'oscar@example.com',
            ringSlowReader: () => {
                const oaiCallId = pbx.pbx.inbound('2004', { number: '01632960666', name: 'FOR TRUDY' });
                setTimeout(() => pbx.pbx.remoteHangup(oaiCallId), 300);
            }
        },
        SEED
    );
    let failedCall: unknown;
    try {
        await until(ready, 'ready at start');
        attackers.start();
        for (let index = 0; index < CALLS; index++) {
            await until(ready, `ready before call ${index}`);
            if (random() < 0.3) await internalCall(index);
            else await outsideCall(index);
            if (index % 50 === 49)
                console.log(
                    `${index + 1} calls, ${Math.round((Date.now() - started) / 1000)} s, bridge restarts ${bridge.restarts}`
                );
        }
    } catch (error) {
        failedCall = error;
        console.error(error);
    }
    await attackers.stop();
    await sleep(500);
    const settled = (tabs: ControllerHarness[], emulator: OpenCtiEmulator, calls: Set<string>) =>
        until(
            () =>
                tabs.every((tab) => tab.controller.taskLogIdle()) &&
                [...calls].every((callId) =>
                    [...emulator.tasks.values()].some((task) => task.CallObject === callId)
                ),
            'the last Tasks',
            30_000
        ).catch(() => undefined);
    await settled(aliceTabs, alice.emulator, expected.alice);
    await settled([bobTab], bob.emulator, expected.bob);
    const count = (emulator: OpenCtiEmulator, calls: Set<string>) => {
        const logged = [...emulator.tasks.values()].map((task) => String(task.CallObject));
        const set = new Set(logged);
        return {
            lost: [...calls].filter((callId) => !set.has(callId)).length,
            duplicates: logged.length - set.size,
            unexpected: logged.filter((callId) => !calls.has(callId)).length
        };
    };
    const [a, b] = [count(alice.emulator, expected.alice), count(bob.emulator, expected.bob)];
    const result = {
        calls: CALLS,
        handled: expected.alice.size + expected.bob.size,
        lost: a.lost + b.lost,
        duplicates: a.duplicates + b.duplicates,
        unexpected: a.unexpected + b.unexpected,
        restarts: bridge.restarts,
        peakRssMb: bridge.peakRssMb,
        rssBoundMb: RSS_BOUND_MB,
        bridgeLogKb: Math.round(bridge.logBytes / 1024),
        bridgeRefused: bridge.refusals,
        bridgeSessionsClosed: bridge.sessionsClosed,
        attacks: attackers.tally,
        seed: SEED,
        seconds: Math.round((Date.now() - started) / 1000)
    };
    clearInterval(rss);
    for (const tab of everyone) tab.stop();
    await bridge.stop();
    await pbx.stop();
    rmSync(files, { recursive: true, force: true });
    console.log(JSON.stringify(result));
    const checks = [
        failedCall === undefined,
        result.lost === 0,
        result.duplicates === 0,
        result.unexpected === 0,
        result.restarts === 0,
        result.peakRssMb <= RSS_BOUND_MB
    ];
    const failed = checks.filter((ok) => !ok).length;
    console.log(`${checks.length - failed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
