// npx tsx scripts/soak-oai.ts: a fault soak on the OAI link. Simulated calls through real controllers
// in two tabs of one browser (shared storage and Web Locks), the Open CTI emulator, the OAI bridge and
// the OAI PBX simulator keeping the first-monitor rule: inbound calls (answered, missed, answered by a
// colleague in the ring group), outside calls over a trunk, consults to a colleague in do not disturb,
// the agent in do not disturb, conferences made with the phone's key and blind transfers that recall
// (./soakOaiCalls.ts), with random faults between calls and mid-call: the OAI link cut, the PBX gone for
// a while (a call hung up meanwhile), slow confirmations, event channels dropped and the bridge
// restarted. Every handled call must end up as exactly one Task: zero lost, zero duplicates, none
// unexpected. Loopback only; SOAK_CALLS (default 600, about a minute) keeps it under 3 minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridge, type Bridge } from '../src/bridge/bridge';
import { parseConfig } from '../src/bridge/config';
import { OaiSimulator } from '../src/stand-ins/oai-pbx-simulator/server';
import { MemoryStore } from '../src/core/telephony/storage/keyValueStore';
import { MemoryLockManager } from '../test/support/memoryLockManager';
import { loadDevCa } from '../src/stand-ins/dev-machine/devCa';
import type { Simulator } from '../src/stand-ins/suite-simulator/simulator';
import { OpenCtiEmulator } from '../src/stand-ins/opencti-emulator/emulator';
import { startController, type ControllerHarness } from '../test/support/controllerHarness';
import { callView, doneWith, finishCall } from './soakTabs';
import {
    agentInDnd,
    conferenceAtThePhone,
    consultToDnd,
    outboundTrunkCall,
    recallAfterTransfer,
    type CallKind,
    type OaiSoakContext
} from './soakOaiCalls';
import { usageOrExit } from './usage.mjs';

usageOrExit(
    'Usage: npm run test:faults:oai\n  The OAI link fault soak: SOAK_CALLS (default 600) calls through the OAI bridge in two tabs with random OAI faults; zero lost, zero duplicate Tasks.'
);

const CALLS = Number(process.env.SOAK_CALLS ?? 600);
/** The whole soak stops, failed, after this long. */
const DEADLINE_MS = 170_000;
let seed = Number(process.env.SOAK_SEED ?? 20261201);
const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
};

const ACME = (index: number) => ({
    number: `0163296${String(index % 10_000).padStart(4, '0')}`,
    name: `CALLER ${index}`
});

async function main(): Promise<void> {
    const pbx = new OaiSimulator();
    pbx.faults.firstMonitorRule = true;
    await pbx.start();
    const stateDir = mkdtempSync(join(tmpdir(), 'soak-oai-'));
    const ca = loadDevCa();
    const tls = ca.issue(['localhost', '127.0.0.1']);
    const config = parseConfig(
        {
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile: 'unused.crt', keyFile: 'unused.key' },
            allowedOrigins: ['https://acme--c.vf.force.com'],
            auth: { apiKeys: ['dev-key-123'] },
            oai: { host: '127.0.0.1', port: pbx.port, huntGroups: ['2100'], confirmationTimeoutMs: 2000 },
            sessions: { heartbeatSec: 1, resumeWindowSec: 5 },
            limits: { requestsPerMinute: 100000 },
            state: { callIdsFile: 'call-ids.json' },
            directory: [
                { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' },
                { email: 'bob@example.com', displayName: 'Bob Agent', primaryExtension: '2002' }
            ]
        },
        'soak bridge configuration',
        stateDir
    );
    const start = (port: number) =>
        startBridge({
            config: { ...config, listen: { ...config.listen, port } },
            tls: { key: tls.key, cert: tls.cert },
            oaiBackoff: { baseMs: 20, maxMs: 200 }
        });
    let bridge: Bridge = await start(0);
    let reconnectsOfEarlierBridges = 0;
    const port = bridge.server.port;
    // The controller harness reads only the server's port and CA from the simulator it is given.
    const server = { port, ca } as unknown as Simulator;
    const emulator = new OpenCtiEmulator();
    const storage = new MemoryStore();
    const locks = new MemoryLockManager();
    const openTab = () =>
        startController({
            simulator: server,
            emulator,
            storage,
            locks,
            tabs: true,
            // The PBX seizes a trunk after its access code, 9: the call center's Outside Prefix.
            settings: {
                '/mivoiceSuite/screenPopMode': 'answered',
                '/reqDialingOptions/reqOutsidePrefix': pbx.pbx.trunkAccessCode
            }
        });
    const tabs: ControllerHarness[] = [await openTab(), await openTab()];
    const started = Date.now();
    const expected = new Set<string>();
    const faults: Record<string, number> = {
        oaiLinkCut: 0,
        oaiLinkCutMidCall: 0,
        pbxGoneHangupMeanwhile: 0,
        slowConfirmations: 0,
        channelsDropped: 0,
        bridgeRestartMidCall: 0
    };
    const kinds: Record<string, number> = {
        inbound: 0,
        missed: 0,
        answeredElsewhere: 0,
        outboundTrunk: 0,
        consultToDnd: 0,
        agentInDnd: 0,
        conference: 0,
        recall: 0
    };
    /** The faults of the call under way, for the message when a wait stalls. */
    let during: string[] = [];
    const anyTab = () => tabs[Math.floor(random() * tabs.length)];
    const allReady = () => tabs.every((tab) => tab.state().status.phase === 'ready');
    const until = <T>(check: () => T | undefined | false, what: string, timeoutMs = 20_000) =>
        tabs[0]
            .until(check, Math.min(timeoutMs, Math.max(1, started + DEADLINE_MS - Date.now())))
            .catch((error: unknown) => {
                const phases = tabs.map((tab) => tab.state().status.phase).join(', ');
                const calls = tabs.map((tab) =>
                    JSON.stringify({
                        calls: tab.state().calls.map((call) => [call.callId, call.state]),
                        notice: (tab.state() as unknown as { notice?: unknown }).notice
                    })
                );
                console.error(
                    `stalled waiting for ${what}; tabs ${phases}; calls ${calls.join(' | ')}; OAI link ${bridge.phone.linkState}; faults ${during.join(', ') || 'none'}; PBX ${JSON.stringify(pbx.pbx.liveCalls())}`
                );
                throw error;
            });
    const linkBack = () => until(() => bridge.phone.pbxConnected, 'the OAI link back');
    const contractId = (oaiCallId: string, extension = '2001') =>
        until(() => bridge.phone.callIdOf(extension, oaiCallId), `call ${oaiCallId} at the bridge`);
    const pbxState = (oaiCallId: string) =>
        pbx.pbx.liveCalls().find((call) => call.callId === oaiCallId)?.stations['2001'];
    const context: OaiSoakContext = {
        pbx: pbx.pbx,
        tabs,
        anyTab,
        random,
        until,
        contractId: (oaiCallId) => contractId(oaiCallId),
        causeAtBridge: (callId) => bridge.phone.calls('2001').find((call) => call.callId === callId)?.cause,
        expectTask: (callId) => expected.add(callId)
    };
    /** The call kinds of ./soakOaiCalls.ts and how often each comes, after the ring group's 8 %. */
    const KINDS: [number, string, CallKind][] = [
        [0.16, 'outboundTrunk', outboundTrunkCall],
        [0.21, 'consultToDnd', consultToDnd],
        [0.24, 'agentInDnd', agentInDnd],
        [0.3, 'conference', conferenceAtThePhone],
        [0.36, 'recall', recallAfterTransfer]
    ];

    async function soakOne(index: number): Promise<void> {
        const roll = random();
        pbx.faults.confirmationDelayMs = 0;
        during = [];
        const fault = (name: string) => {
            faults[name]++;
            during.push(name);
        };
        if (roll < 0.03) {
            fault('oaiLinkCut');
            pbx.dropConnections();
            await until(() => !bridge.phone.pbxConnected, 'the bridge to see the cut');
        } else if (roll < 0.06) {
            fault('slowConfirmations');
            pbx.faults.confirmationDelayMs = 150;
        } else if (roll < 0.08) {
            fault('channelsDropped');
            bridge.server.hub.channels.closeAll();
        }
        await linkBack();
        await until(allReady, `ready before call ${index}`);
        const outcome = random();
        if (outcome < 0.08) {
            // A ring group call a colleague answers: the agent never had it, so no Task.
            kinds.answeredElsewhere++;
            const oaiCallId = pbx.pbx.inbound('2100', ACME(index));
            const callId = await contractId(oaiCallId);
            await until(
                () => tabs.every((tab) => callView(tab, callId)?.state === 'ringing'),
                `call ${index} ringing`
            );
            pbx.pbx.answer('2002', oaiCallId);
            await until(() => tabs.every((tab) => doneWith(tab, callId)), `call ${index} gone`);
            pbx.pbx.remoteHangup(oaiCallId);
            return;
        }
        const kind = KINDS.find(([below]) => outcome < below);
        if (kind) {
            kinds[kind[1]]++;
            await kind[2](context, index);
            return progress(index);
        }
        const oaiCallId = pbx.pbx.inbound('2001', ACME(index));
        const callId = await contractId(oaiCallId);
        expected.add(callId);
        if (random() < 0.13) {
            kinds.missed++;
            pbx.pbx.remoteHangup(oaiCallId);
        } else {
            kinds.inbound++;
            const answering = anyTab();
            await until(() => callView(answering, callId)?.state === 'ringing', `call ${index} ringing`);
            answering.intent({ type: 'answer', callId });
            await until(
                () => pbxState(oaiCallId) === 'C' && callView(answering, callId)?.state === 'connected',
                `call ${index} connected`
            );
            const midCall = random();
            if (midCall < 0.08) {
                fault('oaiLinkCutMidCall');
                pbx.dropConnections();
                await until(() => !bridge.phone.pbxConnected, 'the bridge to see the cut');
                await linkBack();
            } else if (midCall < 0.13) {
                // The PBX is unreachable while the caller hangs up: the resync finds the call gone.
                fault('pbxGoneHangupMeanwhile');
                await pbx.stop();
                await until(() => !bridge.phone.pbxConnected, 'the bridge to see the PBX gone');
                pbx.pbx.remoteHangup(oaiCallId);
                await pbx.start();
                await linkBack();
            } else if (midCall < 0.17) {
                fault('bridgeRestartMidCall');
                reconnectsOfEarlierBridges += bridge.phone.counters.oaiReconnects;
                await bridge.stop();
                bridge = await start(port);
                await linkBack();
                // Sessions live in the bridge's memory: a command before the tab has signed in again
                // fails once as sessionExpired (the agent clicks again). Wait for the new session.
                await until(() => bridge.server.openChannels() > 0, 'the leading tab signed in again');
            }
            if (pbxState(oaiCallId) === 'C' && random() < 0.3) {
                const holding = anyTab();
                await until(
                    () => callView(holding, callId)?.state === 'connected',
                    `call ${index} connected in a tab`
                );
                holding.intent({ type: 'hold', callId });
                await until(() => callView(holding, callId)?.state === 'held', `call ${index} held`);
            }
            if (pbxState(oaiCallId) !== undefined) pbx.pbx.remoteHangup(oaiCallId);
        }
        await finishCall(tabs, callId, index, until);
        progress(index);
    }

    function progress(index: number): void {
        if (index % 100 === 99)
            console.log(
                `${index + 1} calls, ${emulator.tasks.size} Tasks, ${Math.round((Date.now() - started) / 1000)} s`
            );
    }

    try {
        await linkBack();
        await until(allReady, 'ready at start');
        for (let index = 0; index < CALLS; index++) await soakOne(index);
        // Count once every expected Task is in and no save is waiting or running in any tab.
        const logged = () => new Set([...emulator.tasks.values()].map((task) => String(task.CallObject)));
        await until(
            () => [...expected].every((callId) => logged().has(callId)),
            'the last Tasks',
            30_000
        ).catch((error: unknown) => console.error(`not every Task arrived: ${String(error)}`));
        await until(
            () => tabs.every((tab) => tab.controller.taskLogIdle()),
            'an idle Task log',
            30_000
        ).catch((error: unknown) => console.error(`the Task log did not settle: ${String(error)}`));
        const callObjects = [...emulator.tasks.values()].map((task) => String(task.CallObject));
        const loggedSet = new Set(callObjects);
        const lost = [...expected].filter((callId) => !loggedSet.has(callId));
        for (const callId of lost) console.log(`lost ${callId}`);
        const duplicates = callObjects.length - loggedSet.size;
        const unexpected = callObjects.filter((callId) => !expected.has(callId));
        for (const callId of unexpected) console.log(`unexpected Task for ${callId}`);
        console.log(
            JSON.stringify({
                calls: CALLS,
                tabs: tabs.length,
                handled: expected.size,
                tasks: callObjects.length,
                lost: lost.length,
                duplicates,
                unexpected: unexpected.length,
                kinds,
                faults,
                oaiReconnects: reconnectsOfEarlierBridges + bridge.phone.counters.oaiReconnects,
                seconds: Math.round((Date.now() - started) / 1000)
            })
        );
        const failed = [lost.length === 0, duplicates === 0, unexpected.length === 0].filter(
            (ok) => !ok
        ).length;
        console.log(`${3 - failed} passed, ${failed} failed`);
        process.exitCode = failed > 0 ? 1 : 0;
    } finally {
        for (const tab of tabs) tab.stop();
        await bridge.stop();
        await pbx.stop();
        rmSync(stateDir, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
